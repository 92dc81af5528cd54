"""Route templates such as '/users/<id>' compiled to regular expressions."""

import re

_PARAM = re.compile(r"<(\w+)>")


class Pattern:
    def __init__(self, template):
        self.template = template
        regex = ""
        pos = 0
        for match in _PARAM.finditer(template):
            regex += re.escape(template[pos:match.start()])
            regex += f"(?P<{match.group(1)}>[^/]+)"
            pos = match.end()
        regex += re.escape(template[pos:])
        self._regex = re.compile("^" + regex + "$")

    def match(self, path):
        """The parameters if ``path`` matches, else None."""
        match = self._regex.match(path)
        return match.groupdict() if match else None
