"""Publish/subscribe within one process."""


class EventBus:
    def __init__(self):
        self._handlers = {}
        self._once = set()
        self.emitted = 0

    def on(self, event, handler):
        """Call ``handler`` on every ``emit(event, ...)``."""
        self._handlers.setdefault(event, []).append(handler)
        return handler

    def once(self, event, handler):
        """Call ``handler`` on the next ``emit(event, ...)`` only."""
        self.on(event, handler)
        self._once.add((event, handler))
        return handler

    def off(self, event, handler):
        handlers = self._handlers.get(event, [])
        if handler in handlers:
            handlers.remove(handler)
        self._once.discard((event, handler))

    def emit(self, event, *args, **kwargs):
        """Call the handlers of ``event`` in registration order; return their results."""
        self.emitted += 1
        results = []
        for handler in list(self._handlers.get(event, [])):
            if (event, handler) in self._once:
                self.off(event, handler)
            results.append(handler(*args, **kwargs))
        return results

    def clear(self):
        """Remove every handler and reset the counters, as if the bus were new."""
        self._handlers.clear()
