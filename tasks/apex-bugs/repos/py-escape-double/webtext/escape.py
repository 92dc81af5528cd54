"""Escape text for HTML element content and attribute values."""

_REPLACEMENTS = [
    ("<", "&lt;"),
    (">", "&gt;"),
    ("&", "&amp;"),
    ('"', "&quot;"),
    ("'", "&#x27;"),
]


def escape(text):
    """Replace the characters that are special in HTML with entities."""
    for raw, entity in _REPLACEMENTS:
        text = text.replace(raw, entity)
    return text


def unescape(text):
    """Inverse of escape()."""
    for raw, entity in reversed(_REPLACEMENTS):
        text = text.replace(entity, raw)
    return text
