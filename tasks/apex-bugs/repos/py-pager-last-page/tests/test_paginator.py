import pytest

from pager import PageNotFound, Paginator


def test_even_split():
    p = Paginator(range(20), per_page=10)
    assert p.num_pages == 2
    assert p.page(2).items == list(range(10, 20))
    assert not p.page(2).has_next


def test_empty_has_one_page():
    p = Paginator([], per_page=5)
    assert p.num_pages == 1
    assert len(p.page(1)) == 0


def test_page_zero_is_not_found():
    with pytest.raises(PageNotFound):
        Paginator(range(3)).page(0)


def test_has_previous():
    p = Paginator(range(30), per_page=10)
    assert not p.page(1).has_previous
    assert p.page(3).has_previous
