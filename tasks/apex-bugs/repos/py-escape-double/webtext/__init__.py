from .escape import escape, unescape

__all__ = ["escape", "unescape"]
