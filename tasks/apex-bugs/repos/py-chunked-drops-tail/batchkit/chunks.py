"""Split sequences into fixed-size pieces."""


def chunked(items, size):
    """Return consecutive lists of ``size`` items; the last one may be shorter."""
    if size < 1:
        raise ValueError("size must be >= 1")
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items) - size + 1, size)]


def windows(items, size):
    """Return every run of ``size`` consecutive items (a sliding window)."""
    if size < 1:
        raise ValueError("size must be >= 1")
    items = list(items)
    return [items[i:i + size] for i in range(0, len(items) - size + 1)]
