"""Wrap text to a width, breaking over-long words at a hyphen when possible."""


def _split_long_word(word, width):
    """Cut the first piece off a word longer than ``width``; return (piece, rest)."""
    cut = word.rfind("-", 0, width)
    if cut == -1:
        cut = width
    return word[:cut], word[cut:]


def wrap(text, width=70):
    """Lines of at most ``width`` characters; paragraphs (\\n) start new lines."""
    if width < 1:
        raise ValueError("width must be >= 1")
    lines = []
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line = ""
        while words:
            word = words[0]
            candidate = word if not line else line + " " + word
            if len(candidate) <= width:
                line = candidate
                words.pop(0)
            elif line:
                lines.append(line)
                line = ""
            else:
                piece, words[0] = _split_long_word(word, width)
                if piece:
                    lines.append(piece)
        lines.append(line)
    return lines


def columns(rows, gap=2):
    """Left-align a table of strings into columns separated by ``gap`` spaces."""
    widths = [max(len(cell) for cell in column) for column in zip(*rows)]
    return [(" " * gap).join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
