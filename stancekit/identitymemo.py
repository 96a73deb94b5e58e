"""Values worked out from a large object, kept as long as the object lives.

The engine works some things out once per rule set or language profile (the ids of a
dictionary's actors, a profile's compiled regexes, the lists a rule's options read): too
costly to redo at every sentence. They are found by the object's identity, since these
frozen dataclasses would hash every one of their fields at every look-up. A plain dict
keyed by identity has to hold the object too, so that its identity is not reused while the
entry lives; then nothing is ever dropped, and a process that compiles rule set after rule
set (a notebook, a server, a test run over many rule folders) kept every one. Here an entry
goes when its object does.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

_MISSING = object()


class IdentityMemo(Generic[T]):
    """Object -> a value made from it, by identity, dropped when the object is."""

    def __init__(self) -> None:
        self._values: dict[int, T] = {}

    def get(self, owner: object, build: Callable[[], T]) -> T:
        """The value kept for `owner`, made by `build()` the first time. The value must not
        hold `owner`: an entry that did would keep its owner alive for good."""
        key = id(owner)
        found = self._values.get(key, _MISSING)
        if found is _MISSING:
            found = self._values[key] = build()
            weakref.finalize(owner, self._values.pop, key, None)
        return found  # type: ignore[return-value]
