import pytest

from microroute import NotFound, Router


def handler(**params):
    return params


def test_static_route():
    r = Router()
    r.add("/about", handler)
    assert r.resolve("/about") == (handler, {})


def test_parameters():
    r = Router()
    r.add("/users/<id>/posts/<post>", handler)
    assert r.resolve("/users/7/posts/9")[1] == {"id": "7", "post": "9"}


def test_request_trailing_slash_ignored():
    r = Router()
    r.add("/about", handler)
    assert r.resolve("/about/")[0] is handler


def test_not_found():
    with pytest.raises(NotFound):
        Router().resolve("/nope")


def test_root():
    r = Router()
    r.add("/", handler)
    assert r.resolve("/")[0] is handler


def test_mount():
    api = Router()
    api.add("/users/<id>", handler)
    app = Router()
    app.mount("/api", api)
    assert app.resolve("/api/users/3")[1] == {"id": "3"}
