from .semver import Version

__all__ = ["Version"]
