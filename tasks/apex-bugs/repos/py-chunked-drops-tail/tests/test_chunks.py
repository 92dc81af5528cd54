import pytest

from batchkit import chunked, windows


def test_chunked_exact_multiple():
    assert chunked(range(6), 3) == [[0, 1, 2], [3, 4, 5]]


def test_chunked_rejects_zero_size():
    with pytest.raises(ValueError):
        chunked([1, 2], 0)


def test_windows():
    assert windows("abcd", 2) == [["a", "b"], ["b", "c"], ["c", "d"]]


def test_windows_longer_than_input():
    assert windows([1, 2], 3) == []
