from .settings import DEFAULTS, Settings

__all__ = ["DEFAULTS", "Settings"]
