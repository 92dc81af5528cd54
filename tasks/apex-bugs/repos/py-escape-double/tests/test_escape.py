from webtext import escape, unescape


def test_plain_text_unchanged():
    assert escape("hello world") == "hello world"


def test_quotes():
    assert escape('say "hi"') == "say &quot;hi&quot;"
    assert escape("it's") == "it&#x27;s"


def test_ampersand():
    assert escape("Tom & Jerry") == "Tom &amp; Jerry"


def test_unescape_quotes():
    assert unescape("&quot;x&quot;") == '"x"'
