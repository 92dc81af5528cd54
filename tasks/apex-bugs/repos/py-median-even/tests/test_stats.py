import pytest

from quickstats import mean, median, percentile


def test_mean():
    assert mean([1, 2, 3, 4]) == 2.5


def test_median_odd():
    assert median([3, 1, 2]) == 2


def test_median_empty():
    with pytest.raises(ValueError):
        median([])


def test_percentile():
    data = list(range(1, 101))
    assert percentile(data, 50) == 50
    assert percentile(data, 100) == 100
