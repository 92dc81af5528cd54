"""URL slugs from arbitrary titles."""

import re

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text, separator="-", max_length=None):
    """Lowercase ASCII words of ``text`` joined by ``separator``."""
    text = text.lower()
    slug = _NON_WORD.sub(separator, text).strip(separator)
    if max_length is not None:
        slug = slug[:max_length].rstrip(separator)
    return slug
