"""The `language:` section of rule files, and the merged language profile of a rule set.

A rule file may set any slot of `stancekit.engine.profile.LanguageProfile`:

    language:
      negations: [not, "n't", never]            # replaces the slot
      hedges: {extend: [supposedly]}            # adds to it
      subject_pronouns: {remove: [it]}          # takes entries out of it

A rule set's profile starts from the bundled English profile (the `language:` sections of the
bundled pack, read once per process), so a user's standalone rule file behaves as the pack
does; then every loaded file's settings apply in load order, an imported file before the
file that imports it, so later files win.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from stancekit.dsl import codes
from stancekit.dsl.errors import Location, RuleError, did_you_mean
from stancekit.dsl.yamlsource import LocatedDict, LocatedList, SourceFile, YamlDataError, load_located
from stancekit.engine.profile import (
    CASED,
    MAPPING,
    PHRASES,
    WORD_MAPPING,
    WORDS,
    LanguageProfile,
    comparison_form,
    slot_kinds,
    slot_value,
)

REPLACE, EXTEND, REMOVE = "replace", "extend", "remove"
OPERATIONS = (EXTEND, REMOVE)
#: How a lexicon names a language slot in `include:`.
INCLUDE_PREFIX = "language."
#: Slot kinds a lexicon may include: lists of words or phrases.
INCLUDABLE = (WORDS, CASED, PHRASES)

#: (code, message, location, hint) -> None
Report = Callable[[codes.Code, str, Location | None, str | None], None]


@dataclass(frozen=True)
class LanguageSetting:
    """One slot set by one rule file: how (`replace`, `extend`, `remove`) and with what.

    `entries` are strings, or (key, value) pairs for a mapping slot (keys only for `remove`).
    """

    slot: str
    operation: str
    entries: tuple
    location: Location
    #: Where each entry is written (a mapping's key), in the order of `entries`.
    entry_locations: tuple[Location, ...] = ()


def read_language(data: LocatedDict, report: Report) -> dict[str, LanguageSetting]:
    """The settings of a file's `language:` section, reporting every mistake in it."""
    section = data.get("language")
    if section is None:
        return {}
    if not isinstance(section, LocatedDict):
        report(
            codes.WRONG_TYPE,
            "'language' must be a mapping of slot names to word lists",
            data.key_locations.get("language"),
            "write 'language:' then 'negations: [not, never]' (stancekit rules --language lists the slots)",
        )
        return {}
    kinds = slot_kinds()
    settings: dict[str, LanguageSetting] = {}
    for slot, value in section.items():
        location = section.key_locations[slot]
        kind = kinds.get(slot)
        if kind is None:
            report(
                codes.UNKNOWN_LANGUAGE_SLOT,
                f"unknown language slot '{slot}'",
                location,
                did_you_mean(slot, kinds) or "stancekit rules --language lists the slots",
            )
            continue
        setting = _read_setting(slot, kind, value, location, report)
        if setting is not None:
            settings[slot] = setting
    return settings


def _read_setting(slot: str, kind: str, value: Any, location: Location, report: Report) -> LanguageSetting | None:
    mapping = kind in (MAPPING, WORD_MAPPING)
    if isinstance(value, LocatedDict) and value and (not mapping or set(value) <= set(OPERATIONS)):
        unknown = [k for k in value if k not in OPERATIONS]
        for k in unknown:
            report(
                codes.UNKNOWN_KEY,
                f"unknown key '{k}' in language slot '{slot}'",
                value.key_locations.get(k),
                did_you_mean(k, OPERATIONS)
                or "write a list to replace the slot, or {extend: [...]} or {remove: [...]}",
            )
        if unknown or len(value) != 1:
            if not unknown:
                report(codes.WRONG_TYPE, f"language slot '{slot}' takes one of extend or remove", location, None)
            return None
        operation = next(iter(value))
        body, where = value[operation], value.key_locations[operation]
        if operation == REMOVE and mapping:
            read = _strings(slot, body, where, report)
            return None if read is None else LanguageSetting(slot, REMOVE, *read[:1], location, read[1])
        read = _pairs(slot, body, where, report) if mapping else _strings(slot, body, where, report)
        return None if read is None else LanguageSetting(slot, operation, read[0], location, read[1])
    read = _pairs(slot, value, location, report) if mapping else _strings(slot, value, location, report)
    return None if read is None else LanguageSetting(slot, REPLACE, read[0], location, read[1])


def _strings(
    slot: str, value: Any, location: Location, report: Report
) -> tuple[tuple[str, ...], tuple[Location, ...]] | None:
    if not isinstance(value, LocatedList):
        report(
            codes.WRONG_TYPE,
            f"language slot '{slot}' must be a list of words",
            location,
            "write [word, word, ...], or {extend: [...]} or {remove: [...]}",
        )
        return None
    entries: list[str] = []
    locations: list[Location] = []
    for entry, where in zip(value, value.item_locations, strict=True):
        if not isinstance(entry, str) or not entry.strip():
            hint = None
            if isinstance(entry, bool):
                hint = "YAML reads an unquoted yes, no, on or off as true or false: quote the word"
            report(codes.BAD_ENTRY, f"language slot '{slot}' has an empty or non-text entry", where, hint)
            continue
        entries.append(entry)
        locations.append(where)
    return tuple(entries), tuple(locations)


def _pairs(
    slot: str, value: Any, location: Location, report: Report
) -> tuple[tuple[tuple[str, str], ...], tuple[Location, ...]] | None:
    if not isinstance(value, LocatedDict):
        report(
            codes.WRONG_TYPE,
            f"language slot '{slot}' must be a mapping of words to words",
            location,
            "write {word: word, ...}, or {extend: {...}} or {remove: [...]}",
        )
        return None
    pairs: list[tuple[str, str]] = []
    locations: list[Location] = []
    for key, entry in value.items():
        if not isinstance(entry, str) or not key.strip():
            report(codes.BAD_ENTRY, f"language slot '{slot}' maps '{key}' to something other than text", location, None)
            continue
        pairs.append((key, entry))
        locations.append(value.key_locations.get(key, location))
    return tuple(pairs), tuple(locations)


def apply(profile: LanguageProfile, settings: Iterable[LanguageSetting]) -> LanguageProfile:
    """`profile` with `settings` applied in order."""
    kinds = slot_kinds()
    changes: dict[str, Any] = {}
    for setting in settings:
        kind = kinds[setting.slot]
        current = changes.get(setting.slot, getattr(profile, setting.slot))
        changes[setting.slot] = _applied(kind, current, setting)
    return replace(profile, **changes) if changes else profile


def _applied(kind: str, current: Any, setting: LanguageSetting) -> Any:
    if setting.operation == REPLACE:
        return slot_value(kind, list(setting.entries))
    if kind in (MAPPING, WORD_MAPPING):
        if setting.operation == EXTEND:
            return {**current, **slot_value(kind, list(setting.entries))}
        gone = slot_value(WORDS, list(setting.entries))
        return {k: v for k, v in current.items() if k not in gone}
    given = slot_value(kind, list(setting.entries))
    if kind in (WORDS, CASED):
        return current | given if setting.operation == EXTEND else current - given
    if setting.operation == EXTEND:
        return current + tuple(e for e in given if e not in current)
    return tuple(e for e in current if e not in given)


def entry_sources(
    settings: Iterable[LanguageSetting], base: dict[tuple[str, str], str] | None = None
) -> dict[tuple[str, str], str]:
    """(slot, entry) -> "file:line" where the entry now in the slot was written, after
    `settings` applied in order to the profile `base` describes. An entry is keyed by its
    comparison form (a phrase's words joined by spaces, a mapping's key; a cased slot's entry
    as written). Only `stancekit explain` reads this."""
    kinds = slot_kinds()
    sources = dict(base or {})
    for setting in settings:
        kind = kinds[setting.slot]
        if setting.operation == REPLACE:
            sources = {k: v for k, v in sources.items() if k[0] != setting.slot}
        for entry, where in zip(setting.entries, setting.entry_locations, strict=False):
            written = entry[0] if isinstance(entry, tuple) else entry
            key = (setting.slot, written if kind == CASED else comparison_form(written))
            if setting.operation == REMOVE:
                sources.pop(key, None)
            else:
                sources[key] = f"{where.file}:{where.line}"
    return sources


def ordered_settings(files: Sequence[Any]) -> list[LanguageSetting]:
    """Every file's settings, imported files first, then in load order: later files win."""
    by_key = {f.key: f for f in files}
    seen: set[str] = set()
    ordered: list[LanguageSetting] = []
    for f in files:
        _add_settings(f.key, by_key, seen, ordered)
    return ordered


def _add_settings(key: str, by_key: dict[str, Any], seen: set[str], ordered: list[LanguageSetting]) -> None:
    """The settings of the file `key` to `ordered`, after those of the files it imports. A
    function of the module, not one nested in its caller: one that called itself through its
    own closure would be a reference cycle holding every rule file until the collector ran."""
    if key in seen or key not in by_key:
        return
    seen.add(key)
    for imported in by_key[key].imports:
        _add_settings(imported, by_key, seen, ordered)
    ordered.extend(by_key[key].language.values())


def include_entries(profile: LanguageProfile, slot: str) -> tuple[str, ...]:
    """The entries of a word or phrase slot as lexicon entries (phrases joined by spaces)."""
    value = getattr(profile, slot)
    if slot_kinds()[slot] == PHRASES:
        return tuple(" ".join(words) for words in value)
    return tuple(sorted(value))


def check_include(name: str, location: Location, report: Report) -> str | None:
    """The slot a lexicon's `include:` entry names, or None after reporting what is wrong."""
    kinds = slot_kinds()
    slot = name[len(INCLUDE_PREFIX) :] if name.startswith(INCLUDE_PREFIX) else None
    if slot is None or slot not in kinds:
        suggestion = did_you_mean(slot or name, kinds)
        report(
            codes.UNKNOWN_LANGUAGE_SLOT,
            f"a lexicon can include 'language.<slot>', and '{name}' names no slot",
            location,
            (suggestion.replace("'", f"'{INCLUDE_PREFIX}", 1) if suggestion else None)
            or "stancekit rules --language lists the slots",
        )
        return None
    if kinds[slot] not in INCLUDABLE:
        report(
            codes.WRONG_TYPE,
            f"language slot '{slot}' holds {kinds[slot]}s, not words or phrases a lexicon can include",
            location,
            None,
        )
        return None
    return slot


# -- the bundled profile ------------------------------------------------------------------------


def bundled_language_files() -> list[Path]:
    """The bundled pack's files that hold a `language:` section."""
    from stancekit.dsl.loader import discover
    from stancekit.resources import bundled_rules_dir

    return [p for p in discover(bundled_rules_dir()) if "\nlanguage:" in p.read_text(encoding="utf-8-sig")]


@functools.cache
def bundled_profile() -> LanguageProfile:
    """The English profile of the bundled pack, read once per process."""
    return apply(LanguageProfile(), bundled_settings())


@functools.cache
def bundled_sources() -> dict[tuple[str, str], str]:
    """Where each entry of the bundled profile is written (see `entry_sources`)."""
    return entry_sources(bundled_settings())


@functools.cache
def bundled_settings() -> tuple[LanguageSetting, ...]:
    """The `language:` settings of the bundled pack, in file order, read once per process."""
    from stancekit.dsl.loader import display_path

    problems: list = []

    def report(code: codes.Code, message: str, location: Location | None, hint: str | None = None) -> None:

        problems.append(code.diagnostic(message, location, hint))

    settings: list[LanguageSetting] = []
    for path in bundled_language_files():
        source = SourceFile(display_path(path), path.read_text(encoding="utf-8-sig"))
        try:
            data = load_located(source)
        except YamlDataError as exc:
            raise RuleError(list(exc.diagnostics)) from None
        settings.extend(read_language(data, report).values())
    if problems:
        raise RuleError(problems)
    return tuple(settings)
