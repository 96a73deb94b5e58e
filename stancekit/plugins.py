"""Language plugins: installed packages that add to the pattern language and to the outputs.

A plugin is a package that declares an entry point in the group `stancekit.plugins`:

    [project.entry-points."stancekit.plugins"]
    money = "stancekit_money:register"

`register(api)` is called once with a `PluginAPI` and adds what the plugin offers: token
classes (`[currency]`), capture types (`{amount:MONEY}`), actor and topic resolvers and output
formats. The API is versioned (`PLUGIN_API_VERSION`); a plugin may check `api.version`.

Rule files stay data: they can only name what an installed plugin has registered, and a
rule file lists the plugins it needs under `plugins:` so that a missing one is reported
where it is named. A plugin that fails to load is reported with its name and package and
the run goes on without it; `--no-plugins` (or STANCEKIT_NO_PLUGINS=1) loads none.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any, TextIO

from stancekit import registry

ENTRY_POINT_GROUP = "stancekit.plugins"
#: Bumped when a method of `PluginAPI` changes in a way a plugin could notice.
PLUGIN_API_VERSION = 1


class PluginAPI:
    """What a plugin's `register(api)` may add. Every name becomes usable in rule files (token
    classes, capture types) or on the command line (output formats) of this run.

    Token predicates receive a `stancekit.text.tokens.Token` (`text`, `lower`, `start`, `end`);
    capture extractors `(tokens, start, context, final)` and return the possible ends of a
    capture starting at `start`, longest first (an empty tuple: no capture there)."""

    version = PLUGIN_API_VERSION

    def __init__(self, plugin: str):
        self.plugin = plugin

    def token_class(self, name: str, predicate: Callable[[Any], bool], description: str = "") -> None:
        """`[name]`: one token for which `predicate(token)` is true."""
        registry.register_token_class(name, predicate, description=description, plugin=self.plugin)

    def capture_type(
        self, name: str, extractor: Callable[..., tuple[int, ...]], description: str = "", actor: bool = False
    ) -> None:
        """`{label:name}`; with `actor=True` the capture fills the finding's actor."""
        registry.register_capture_type(name, extractor, description=description, actor=actor, plugin=self.plugin)

    def actor_resolver(
        self, name: str, resolver: Callable[[str], tuple[str, str | None] | None], description: str = ""
    ) -> None:
        """`resolver(text)` -> (name, id) for an actor the dictionaries do not know, or None."""
        registry.register_actor_resolver(name, resolver, description=description, plugin=self.plugin)

    def topic_resolver(
        self, name: str, resolver: Callable[[str], tuple[str, str | None] | None], description: str = ""
    ) -> None:
        """`resolver(text)` -> (name, id) for a topic the dictionaries do not know, or None."""
        registry.register_topic_resolver(name, resolver, description=description, plugin=self.plugin)

    def tagger(self, name: str, factory: Callable[[], Any], description: str = "") -> None:
        """A part-of-speech tagger that rule files select with `tagger: name`: `factory()` returns
        an object with `name` and `tag(words) -> list[str]` (one Universal POS tag per word),
        for instance one backed by a spaCy model the user has installed."""
        registry.register_tagger(name, factory, description=description, plugin=self.plugin)

    def output_format(
        self,
        name: str,
        factory: Callable[[TextIO, Sequence[str] | None], Any],
        extension: str | None = None,
        description: str = "",
    ) -> None:
        """`scan --format name` (or `-o file<extension>`): `factory(stream, fields)` returns a sink
        with `write(finding)` and `close()`."""
        registry.register_output_format(name, factory, extension=extension, description=description, plugin=self.plugin)


@dataclass(frozen=True)
class PluginInfo:
    """An installed plugin and what became of it in this run."""

    name: str
    package: str
    version: str
    status: str  # loaded | failed | disabled
    error: str | None = None

    def registered(self) -> list[registry.Registration]:
        return registry.registrations(self.name)


_loaded: dict[str, PluginInfo] | None = None


def plugins_disabled_by_environment() -> bool:
    return os.environ.get("STANCEKIT_NO_PLUGINS", "").strip().lower() in ("1", "true", "yes")


def _installed() -> list[EntryPoint]:
    return sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name)


def _package_of(entry_point: EntryPoint) -> tuple[str, str]:
    dist = getattr(entry_point, "dist", None)
    if dist is None:
        return entry_point.value.split(":")[0].split(".")[0], ""
    return dist.metadata["Name"] or dist.name, dist.version or ""


def load_plugins(enabled: bool = True, report: Callable[[PluginInfo], None] | None = None) -> tuple[PluginInfo, ...]:
    """Load every installed plugin once per process (later calls return the first outcome).
    `report` is told about each plugin that failed to load."""
    global _loaded
    if _loaded is not None:
        return tuple(_loaded.values())
    enabled = enabled and not plugins_disabled_by_environment()
    _loaded = {}
    for entry_point in _installed():
        package, version = _package_of(entry_point)
        if not enabled:
            _loaded[entry_point.name] = PluginInfo(entry_point.name, package, version, "disabled")
            continue
        try:
            target = entry_point.load()
            register = getattr(target, "register", target)
            register(PluginAPI(entry_point.name))
            info = PluginInfo(entry_point.name, package, version, "loaded")
        except Exception as exc:  # a broken plugin is reported, the run goes on without it
            registry.unregister(entry_point.name)
            info = PluginInfo(entry_point.name, package, version, "failed", f"{type(exc).__name__}: {exc}")
            if report is not None:
                report(info)
        _loaded[entry_point.name] = info
    return tuple(_loaded.values())


def loaded_plugins() -> dict[str, PluginInfo]:
    """The outcome of `load_plugins` by plugin name ({} before it ran)."""
    return dict(_loaded or {})


def reset_for_tests() -> None:
    """Forget loaded plugins and their registrations (tests load plugins more than once)."""
    global _loaded
    for info in (_loaded or {}).values():
        registry.unregister(info.name)
    _loaded = None
