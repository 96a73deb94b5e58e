"""Names the pattern language knows: token classes and capture types.

The grammar accepts any name in `[...]` and after `:` in a capture; whether the name exists
is decided here. The built-in names are fixed; plugins add theirs through `register_*`, so the
language grows without editing the grammar. This module holds names and callables only and
imports nothing else from stancekit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BUILTIN_TOKEN_CLASSES: dict[str, str] = {
    "any": "any one token",
    "cap": "a token that starts with a capital letter",
    "upper": "a token written in capitals (two letters or more)",
    "lower": "a token that starts with a lower-case letter",
    "word": "a token made of letters",
    "num": "a number",
    "punct": "a punctuation mark",
}

BUILTIN_CAPTURE_TYPES: dict[str, str] = {
    "ACTOR": "who holds the stance: a name, a pronoun or a noun phrase such as 'the White House'",
    "HOLDER": "an actor in the possessive, for stances stated with a noun: 'Germany's' or 'its' in "
    "'Germany's support for', 'its opposition to'",
    "TOPIC": "what the stance is about: the phrase or clause that follows, up to a clause boundary",
}

#: Capture types that fill a finding's actor.
ACTOR_CAPTURE_TYPES = frozenset({"ACTOR", "HOLDER"})

#: Extra token classes: name -> predicate(token) -> bool.
_token_classes: dict[str, Callable[[Any], bool]] = {}
#: Extra capture types: name -> extractor(tokens, position, context) -> tuple of end positions.
_capture_types: dict[str, Callable[..., tuple[int, ...]]] = {}


def register_token_class(name: str, predicate: Callable[[Any], bool]) -> None:
    if name in BUILTIN_TOKEN_CLASSES:
        raise ValueError(f"token class '{name}' is built in")
    _token_classes[name] = predicate


def register_capture_type(name: str, extractor: Callable[..., tuple[int, ...]]) -> None:
    if name in BUILTIN_CAPTURE_TYPES:
        raise ValueError(f"capture type '{name}' is built in")
    _capture_types[name] = extractor


def token_class_names() -> frozenset[str]:
    return frozenset(BUILTIN_TOKEN_CLASSES) | frozenset(_token_classes)


def capture_type_names() -> frozenset[str]:
    return frozenset(BUILTIN_CAPTURE_TYPES) | frozenset(_capture_types)


def extra_token_class(name: str) -> Callable[[Any], bool] | None:
    return _token_classes.get(name)


def extra_capture_type(name: str) -> Callable[..., tuple[int, ...]] | None:
    return _capture_types.get(name)
