from .chunks import chunked, windows

__all__ = ["chunked", "windows"]
