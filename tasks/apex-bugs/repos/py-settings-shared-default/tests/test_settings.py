import pytest

from appconf import Settings


def test_defaults():
    assert Settings({}).get("workers") == 4


def test_overrides():
    s = Settings({"workers": 8})
    assert s.get("workers") == 8
    assert s.get("log_level") == "INFO"


def test_unknown_setting_rejected():
    with pytest.raises(KeyError):
        Settings({}).set("colour", "red")


def test_as_dict_is_a_copy():
    s = Settings({})
    s.as_dict()["workers"] = 99
    assert s.get("workers") == 4
