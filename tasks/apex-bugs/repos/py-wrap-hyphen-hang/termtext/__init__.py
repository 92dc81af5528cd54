from .wrap import columns, wrap

__all__ = ["columns", "wrap"]
