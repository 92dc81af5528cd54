import pytest

from tinycsv import read_rows, split_row


def test_simple_row():
    assert split_row("a,b,c") == ["a", "b", "c"]


def test_quoted_delimiter_and_escaped_quote():
    assert split_row('"a,b","say ""hi"""') == ["a,b", 'say "hi"']


def test_empty_fields():
    assert split_row(",x,") == ["", "x", ""]


def test_split_row_unterminated():
    with pytest.raises(ValueError):
        split_row('"abc')


def test_read_rows():
    assert read_rows("id,name\n1,Ann\n") == [["id", "name"], ["1", "Ann"]]
