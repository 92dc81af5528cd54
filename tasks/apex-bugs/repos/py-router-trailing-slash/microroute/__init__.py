from .router import NotFound, Router

__all__ = ["NotFound", "Router"]
