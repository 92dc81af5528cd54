import itertools

from connpool import Pool


def make_pool(size=2):
    ids = itertools.count(1)
    return Pool(lambda: f"conn-{next(ids)}", size=size)


def test_connections_are_reused():
    pool = make_pool()
    with pool.connection() as first:
        pass
    with pool.connection() as second:
        pass
    assert first == second == "conn-1"


def test_in_use_is_counted():
    pool = make_pool()
    a = pool.acquire()
    b = pool.acquire()
    assert pool.in_use == 2
    pool.release(a)
    pool.release(b)
    assert pool.in_use == 0
