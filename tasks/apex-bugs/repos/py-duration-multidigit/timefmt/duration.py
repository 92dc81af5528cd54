"""Human-readable durations: '1h 30m' <-> 5400 seconds."""

import re

_PART = re.compile(r"(\d)([dhms])")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def parse_duration(text):
    """Seconds in a duration like '45s', '1h30m' or '2d 4h'."""
    text = text.strip().lower()
    if not text:
        raise ValueError("empty duration")
    total = 0
    pos = 0
    for match in _PART.finditer(text):
        if text[pos:match.start()].strip():
            raise ValueError(f"invalid duration: {text!r}")
        total += int(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if pos == 0 or text[pos:].strip():
        raise ValueError(f"invalid duration: {text!r}")
    return total


def format_duration(seconds):
    """The shortest 'Nd Nh Nm Ns' form; 0 is '0s'."""
    if seconds < 0:
        raise ValueError("negative duration")
    parts = []
    for unit, size in _UNITS.items():
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount}{unit}")
    return " ".join(parts) or "0s"
