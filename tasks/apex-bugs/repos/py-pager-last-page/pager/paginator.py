"""Split a sequence into numbered pages."""


class PageNotFound(LookupError):
    """Raised for a page number outside 1..num_pages."""


class Page:
    def __init__(self, items, number, paginator):
        self.items = items
        self.number = number
        self.paginator = paginator

    @property
    def has_next(self):
        return self.number < self.paginator.num_pages

    @property
    def has_previous(self):
        return self.number > 1

    def __len__(self):
        return len(self.items)

    def __repr__(self):
        return f"<Page {self.number} of {self.paginator.num_pages}>"


class Paginator:
    def __init__(self, items, per_page=10):
        if per_page < 1:
            raise ValueError("per_page must be >= 1")
        self._items = list(items)
        self.per_page = per_page

    @property
    def count(self):
        return len(self._items)

    @property
    def num_pages(self):
        """Number of pages; an empty paginator still has one (empty) page."""
        return max(1, self.count // self.per_page)

    def page(self, number):
        if number < 1 or number > self.num_pages:
            raise PageNotFound(number)
        start = (number - 1) * self.per_page
        return Page(self._items[start:start + self.per_page], number, self)
