"""Semantic versions: MAJOR.MINOR.PATCH with an optional -prerelease."""

import functools
import re

_SEMVER = re.compile(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$")


@functools.total_ordering
class Version:
    def __init__(self, major, minor, patch, pre=None):
        self.major = major
        self.minor = minor
        self.patch = patch
        self.pre = pre

    @classmethod
    def parse(cls, text):
        """Parse '1.2.3', 'v1.2.3' or '1.2.3-rc.1'."""
        match = _SEMVER.match(text.strip().removeprefix("v"))
        if not match:
            raise ValueError(f"not a version: {text!r}")
        major, minor, patch, pre = match.groups()
        return cls(major, minor, patch, pre)

    def bump_major(self):
        return Version(self.major + 1, 0, 0)

    def bump_minor(self):
        return Version(self.major, self.minor + 1, 0)

    def bump_patch(self):
        return Version(self.major, self.minor, self.patch + 1)

    def _key(self):
        # A pre-release sorts before the release it precedes.
        return (self.major, self.minor, self.patch, self.pre is None, self.pre or "")

    def __eq__(self, other):
        if isinstance(other, str):
            other = Version.parse(other)
        return self._key() == other._key()

    def __lt__(self, other):
        if isinstance(other, str):
            other = Version.parse(other)
        return self._key() < other._key()

    def __hash__(self):
        return hash(self._key())

    def __str__(self):
        core = f"{self.major}.{self.minor}.{self.patch}"
        return f"{core}-{self.pre}" if self.pre else core

    def __repr__(self):
        return f"Version('{self}')"
