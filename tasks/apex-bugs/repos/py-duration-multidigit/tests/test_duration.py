import pytest

from timefmt import format_duration, parse_duration


def test_single_unit():
    assert parse_duration("5m") == 300


def test_days_and_hours_with_space():
    assert parse_duration("2d 4h") == 2 * 86400 + 4 * 3600


def test_invalid():
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_empty():
    with pytest.raises(ValueError):
        parse_duration("  ")


def test_format():
    assert format_duration(5400) == "1h 30m"
    assert format_duration(0) == "0s"
