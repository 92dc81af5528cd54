"""A bounded pool of reusable connections."""

import threading
from contextlib import contextmanager


class Pool:
    def __init__(self, factory, size=2):
        if size < 1:
            raise ValueError("size must be >= 1")
        self._factory = factory
        self._idle = []
        self._in_use = 0
        self.size = size
        self._cond = threading.Condition()

    @property
    def in_use(self):
        return self._in_use

    def acquire(self):
        """Take an idle connection or create one; wait while all ``size`` are in use."""
        with self._cond:
            while not self._idle and self._in_use >= self.size:
                self._cond.wait()
            conn = self._idle.pop() if self._idle else self._factory()
            self._in_use += 1
            return conn

    def release(self, conn):
        with self._cond:
            self._in_use -= 1
            self._idle.append(conn)
            self._cond.notify()

    @contextmanager
    def connection(self):
        """Borrow a connection for the duration of a ``with`` block."""
        conn = self.acquire()
        yield conn
        self.release(conn)
