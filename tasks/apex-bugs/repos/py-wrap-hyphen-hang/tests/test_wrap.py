import pytest

from termtext import columns, wrap


def test_short_text_is_one_line():
    assert wrap("hello world", 20) == ["hello world"]


def test_wraps_at_spaces():
    assert wrap("the quick brown fox", 10) == ["the quick", "brown fox"]


def test_paragraphs():
    assert wrap("a b\nc", 10) == ["a b", "c"]


def test_long_word_without_hyphen_is_split():
    assert wrap("abcdefghijkl", 5) == ["abcde", "fghij", "kl"]


def test_width_validated():
    with pytest.raises(ValueError):
        wrap("x", 0)


def test_columns():
    assert columns([["a", "bb"], ["ccc", "d"]]) == ["a    bb", "ccc  d"]
