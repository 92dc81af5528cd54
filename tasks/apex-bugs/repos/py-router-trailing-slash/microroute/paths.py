"""Helpers for URL paths."""


def join(prefix, path):
    """Join a mount prefix and a route template: join('/api', '/users') == '/api/users'."""
    return prefix.rstrip("/") + "/" + path.lstrip("/")
