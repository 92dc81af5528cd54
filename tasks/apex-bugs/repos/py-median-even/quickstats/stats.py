"""Descriptive statistics over sequences of numbers."""

import math


def mean(values):
    data = list(values)
    if not data:
        raise ValueError("mean of empty data")
    return sum(data) / len(data)


def median(values):
    """The middle value; for an even count, the mean of the two middle values."""
    data = sorted(values)
    n = len(data)
    if n == 0:
        raise ValueError("median of empty data")
    mid = n // 2
    if n % 2:
        return data[mid]
    return (data[mid - 1] + data[mid]) // 2


def percentile(values, p):
    """Nearest-rank percentile, 0 < p <= 100."""
    if not 0 < p <= 100:
        raise ValueError("p must be in (0, 100]")
    data = sorted(values)
    if not data:
        raise ValueError("percentile of empty data")
    rank = math.ceil(p / 100 * len(data))
    return data[rank - 1]
