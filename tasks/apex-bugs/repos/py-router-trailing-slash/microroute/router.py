"""Map request paths to handlers."""

from .paths import join
from .pattern import Pattern


class NotFound(LookupError):
    """No route matches the path."""


class Router:
    def __init__(self):
        self._routes = []

    def add(self, template, handler):
        self._routes.append((Pattern(template), handler))
        return handler

    def mount(self, prefix, other):
        """Serve every route of ``other`` under ``prefix``."""
        for pattern, handler in other._routes:
            self.add(join(prefix, pattern.template), handler)

    def resolve(self, path):
        """The handler and parameters for ``path``; a trailing slash is ignored."""
        if path != "/" and path.endswith("/"):
            path = path[:-1]
        for pattern, handler in self._routes:
            params = pattern.match(path)
            if params is not None:
                return handler, params
        raise NotFound(path)
