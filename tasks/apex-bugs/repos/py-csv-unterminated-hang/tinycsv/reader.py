"""Read CSV text: quoted fields may contain the delimiter, "" and newlines."""


def split_row(line, delimiter=","):
    """Split one logical CSV row into fields."""
    fields = []
    field = []
    in_quotes = False
    i = 0
    while i < len(line):
        ch = line[i]
        if in_quotes:
            if ch == '"' and line[i + 1:i + 2] == '"':
                field.append('"')
                i += 1
            elif ch == '"':
                in_quotes = False
            else:
                field.append(ch)
        elif ch == '"':
            in_quotes = True
        elif ch == delimiter:
            fields.append("".join(field))
            field = []
        else:
            field.append(ch)
        i += 1
    if in_quotes:
        raise ValueError("unterminated quote")
    fields.append("".join(field))
    return fields


def read_rows(text, delimiter=","):
    """All rows of ``text``; a quoted field may continue on the following lines."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    rows = []
    i = 0
    while i < len(lines):
        line = lines[i]
        while line.count('"') % 2 == 1:
            i += 1
            if i < len(lines):
                line += "\n" + lines[i]
        rows.append(split_row(line, delimiter))
        i += 1
    return rows
