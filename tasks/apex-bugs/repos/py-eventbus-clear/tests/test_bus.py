from signals import EventBus


def test_emit_calls_handlers_in_order():
    bus = EventBus()
    calls = []
    bus.on("x", lambda v: calls.append(("first", v)))
    bus.on("x", lambda v: calls.append(("second", v)))
    bus.emit("x", 1)
    assert calls == [("first", 1), ("second", 1)]


def test_once_fires_once():
    bus = EventBus()
    calls = []
    bus.once("x", calls.append)
    bus.emit("x", 1)
    bus.emit("x", 2)
    assert calls == [1]


def test_off():
    bus = EventBus()
    calls = []
    handler = bus.on("x", calls.append)
    bus.off("x", handler)
    bus.emit("x", 1)
    assert calls == []


def test_clear_removes_handlers():
    bus = EventBus()
    calls = []
    bus.on("x", calls.append)
    bus.clear()
    bus.emit("x", 1)
    assert calls == []
