import pytest

from minicache import LRUCache


def test_put_and_get():
    c = LRUCache(2)
    c.put("a", 1)
    assert c.get("a") == 1
    assert c.get("b", 0) == 0


def test_evicts_oldest_insert():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("c", 3)
    assert "a" not in c
    assert len(c) == 2


def test_counters():
    c = LRUCache(1)
    c.put("a", 1)
    c.get("a")
    c.get("z")
    assert (c.hits, c.misses) == (1, 1)


def test_update_refreshes():
    c = LRUCache(2)
    c.put("a", 1)
    c.put("b", 2)
    c.put("a", 10)
    c.put("c", 3)
    assert "b" not in c
    assert c.get("a") == 10


def test_capacity_validated():
    with pytest.raises(ValueError):
        LRUCache(0)
