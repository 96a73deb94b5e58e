"""What plugins add to stancekit: token classes, capture types, resolvers, output formats and
part-of-speech taggers.

The grammar accepts any name in `[...]` and after `:` in a capture; whether the name exists
is decided here. The built-in names are fixed; plugins add theirs through `register_*` (see
`stancekit.plugins` for the API a plugin is handed), so the language grows without editing
the grammar. Each registration remembers the plugin that made it, for `stancekit plugins`
and for error messages.

A plugin's callables run inside the scan. One that raises must not end a scan of 50,000
articles: `guarded` wraps them so that an exception counts as "no match" (or "no name") and
is reported once per plugin through `on_plugin_error`. This module holds names and callables
only and imports nothing else from stancekit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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
    "NAME": "a name used as a modifier, without article or possessive: 'US' in 'US support for', "
    "'Chinese' in 'Chinese calls for'",
    "TOPIC": "what the stance is about: the phrase or clause that follows, up to a clause boundary",
}

#: Built-in capture types that fill a finding's actor.
ACTOR_CAPTURE_TYPES = frozenset({"ACTOR", "HOLDER", "NAME"})


@dataclass(frozen=True)
class Registration:
    """One thing a plugin added: its kind, name, callable and description."""

    kind: str  # token class | capture type | output format | actor resolver | topic resolver
    name: str
    function: Callable[..., Any]
    plugin: str
    description: str = ""
    #: capture types: whether the capture fills the finding's actor; output formats: the file extension.
    actor: bool = False
    extension: str | None = None


_registered: dict[tuple[str, str], Registration] = {}
_guarded: dict[Registration, Callable[..., Any]] = {}
_reported: set[str] = set()
#: Told about a plugin callable that raised (plugin name, what it was, the exception), once per plugin.
on_plugin_error: Callable[[str, str, BaseException], None] | None = None


def guarded(registration: Registration, fallback: Any) -> Callable[..., Any]:
    """The registered callable, returning `fallback` instead of raising (made once per registration)."""
    found = _guarded.get(registration)
    if found is None:
        found = _guarded[registration] = _guard(registration, fallback)
    return found


def _guard(registration: Registration, fallback: Any) -> Callable[..., Any]:
    function = registration.function

    def call(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as exc:  # a plugin's bug must not end the scan
            if registration.plugin not in _reported:
                _reported.add(registration.plugin)
                if on_plugin_error is not None:
                    on_plugin_error(registration.plugin, f"{registration.kind} '{registration.name}'", exc)
            return fallback

    return call


def _register(registration: Registration, builtin: dict[str, str] | None = None) -> None:
    key = (registration.kind, registration.name)
    if builtin is not None and registration.name in builtin:
        raise ValueError(f"{registration.kind} '{registration.name}' is built in")
    if key in _registered and _registered[key].plugin != registration.plugin:
        other = _registered[key].plugin
        raise ValueError(f"{registration.kind} '{registration.name}' is already registered by plugin '{other}'")
    _registered[key] = registration


def register_token_class(
    name: str, predicate: Callable[[Any], bool], *, description: str = "", plugin: str = "python"
) -> None:
    """`[name]` in patterns: `predicate(token)` says whether one token matches."""
    _register(Registration("token class", name, predicate, plugin, description), BUILTIN_TOKEN_CLASSES)


def register_capture_type(
    name: str,
    extractor: Callable[..., tuple[int, ...]],
    *,
    description: str = "",
    actor: bool = False,
    plugin: str = "python",
) -> None:
    """`{label:name}` in patterns: `extractor(tokens, start, context, final)` gives the ends a
    capture starting at `start` may have, longest first. With `actor`, it fills the actor."""
    _register(Registration("capture type", name, extractor, plugin, description, actor=actor), BUILTIN_CAPTURE_TYPES)


def register_output_format(
    name: str,
    factory: Callable[..., Any],
    *,
    extension: str | None = None,
    description: str = "",
    plugin: str = "python",
) -> None:
    """`scan --format name`: `factory(stream, fields)` returns a sink with `write(finding)` and `close()`."""
    _register(Registration("output format", name, factory, plugin, description, extension=extension))


#: A resolver: the text of a mention or topic -> (canonical name, id or None), or None.
Resolver = Callable[[str], "tuple[str, str | None] | None"]


def register_actor_resolver(name: str, resolver: Resolver, *, description: str = "", plugin: str = "python") -> None:
    """`resolver(mention_text)` names an actor the dictionaries do not know: (name, id) or None."""
    _register(Registration("actor resolver", name, resolver, plugin, description))


def register_topic_resolver(name: str, resolver: Resolver, *, description: str = "", plugin: str = "python") -> None:
    """`resolver(topic_text)` names a topic the dictionaries do not know: (name, id) or None."""
    _register(Registration("topic resolver", name, resolver, plugin, description))


def register_tagger(name: str, factory: Callable[[], Any], *, description: str = "", plugin: str = "python") -> None:
    """A part-of-speech tagger a rule file can ask for with `tagger: name`: `factory()` returns an
    object with `name` and `tag(words) -> list of Universal POS tags`; it is called once per
    process, when a sentence is first tagged. The bundled tagger stays the default."""
    _register(Registration("tagger", name, factory, plugin, description))


def tagger_factory(name: str) -> Callable[[], Any] | None:
    found = _registered.get(("tagger", name))
    return found.function if found else None


def tagger_names() -> frozenset[str]:
    """The taggers plugins registered (the bundled one is not among them)."""
    return frozenset(_of_kind("tagger"))


def _of_kind(kind: str) -> dict[str, Registration]:
    return {name: r for (k, name), r in _registered.items() if k == kind}


def token_class_names() -> frozenset[str]:
    return frozenset(BUILTIN_TOKEN_CLASSES) | frozenset(_of_kind("token class"))


def capture_type_names() -> frozenset[str]:
    return frozenset(BUILTIN_CAPTURE_TYPES) | frozenset(_of_kind("capture type"))


def actor_capture_types() -> frozenset[str]:
    """Capture types that fill a finding's actor: ACTOR, HOLDER and plugins' actor captures."""
    return ACTOR_CAPTURE_TYPES | frozenset(n for n, r in _of_kind("capture type").items() if r.actor)


def extra_token_class(name: str) -> Callable[[Any], bool] | None:
    found = _registered.get(("token class", name))
    return guarded(found, False) if found else None


def extra_capture_type(name: str) -> Callable[..., tuple[int, ...]] | None:
    found = _registered.get(("capture type", name))
    return guarded(found, ()) if found else None


def output_formats() -> dict[str, Registration]:
    return _of_kind("output format")


def resolvers(kind: str) -> list[Resolver]:
    """The guarded resolvers of `kind` ("actor" or "topic"), in registration order."""
    return [guarded(r, None) for r in _of_kind(f"{kind} resolver").values()]


def registrations(plugin: str | None = None) -> list[Registration]:
    """Everything registered (by `plugin`, when given), in registration order."""
    return [r for r in _registered.values() if plugin is None or r.plugin == plugin]


def unregister(plugin: str) -> None:
    """Forget everything `plugin` registered (a plugin whose registration failed half-way)."""
    for key in [k for k, r in _registered.items() if r.plugin == plugin]:
        _guarded.pop(_registered.pop(key), None)
    _reported.discard(plugin)
