import pytest

from versions import Version


def test_parse_and_str():
    assert str(Version.parse("v1.2.3-rc.1")) == "1.2.3-rc.1"


def test_invalid():
    with pytest.raises(ValueError):
        Version.parse("1.2")


def test_prerelease_sorts_first():
    assert Version.parse("1.0.0-rc.1") < Version.parse("1.0.0")


def test_compare_constructed():
    assert Version(1, 10, 0) > Version(1, 9, 0)


def test_equality_with_string():
    assert Version.parse("2.0.0") == "2.0.0"
