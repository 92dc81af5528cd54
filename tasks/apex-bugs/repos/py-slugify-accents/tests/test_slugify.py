from slugs import slugify


def test_basic():
    assert slugify("Hello, World!") == "hello-world"


def test_separator():
    assert slugify("a b  c", separator="_") == "a_b_c"


def test_max_length_does_not_end_with_separator():
    assert slugify("one two three", max_length=8) == "one-two"


def test_digits_kept():
    assert slugify("Release 2.0 notes") == "release-2-0-notes"
