"""The `options:` of a rule file and of its rules: read, checked and resolved to `RuleOptions`.

    options:                      # at the top of a file: the default for its rules
      resolve_pronouns: false
    rules:
      - id: en.headline.backs
        pattern: ...
        options:                  # on a rule: overrides the file's, option by option
          readings: [passive]
          negations: language.negations
          hedges: strict_hedges   # a lexicon (or @strict_hedges)

Names, kinds and reading names are checked when a file is read; a list an option points at is
checked once every file is loaded, since it may be a lexicon of an imported file. The options
themselves are documented in `stancekit.engine.options`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from stancekit.dsl import codes
from stancekit.dsl.errors import Location, did_you_mean
from stancekit.dsl.model import POLARITIES
from stancekit.dsl.yamlsource import LocatedDict, LocatedList
from stancekit.engine.options import (
    BOOL,
    COUNT,
    DEFAULT_OPTIONS,
    OPTION_NAMES,
    OPTIONS,
    POLARITY,
    READING_LIST,
    READINGS,
    WORD_LIST,
    RuleOptions,
    WordList,
)
from stancekit.engine.profile import CASED, PHRASES, WORDS, LanguageProfile, comparison_form, slot_kinds

#: (code, message, location, hint) -> None
Report = Callable[[codes.Code, str, Location | None, str | None], None]

_KINDS = {spec.name: spec.kind for spec in OPTIONS}


def names_a_list(setting: OptionSetting) -> bool:
    """Whether an option's value is the name of a list (a language slot or a lexicon)."""
    return _KINDS.get(setting.name) == WORD_LIST


LANGUAGE_PREFIX = "language."


@dataclass(frozen=True)
class OptionSetting:
    """One option as written: its value (a bool, a tuple of reading names or a list name) and
    where the value is written."""

    name: str
    value: Any
    location: Location


def read_options(owner: LocatedDict, report: Report, where: str) -> dict[str, OptionSetting]:
    """The `options:` of a rule or a file (`owner`), reporting every mistake in them."""
    section = owner.get("options")
    if section is None:
        return {}
    if not isinstance(section, LocatedDict):
        report(
            codes.WRONG_TYPE,
            f"'options' of {where} must be a mapping of option names to values",
            owner.key_locations.get("options"),
            "write 'options: {negation: false}' (docs/rule-language.md, 'Rule options', lists them)",
        )
        return {}
    settings: dict[str, OptionSetting] = {}
    for name, value in section.items():
        key_at = section.key_locations[name]
        value_at = section.value_locations.get(name, key_at)
        kind = _KINDS.get(name)
        if kind is None:
            report(
                codes.UNKNOWN_OPTION,
                f"unknown option '{name}'",
                key_at,
                did_you_mean(name, OPTION_NAMES) or "the options are " + ", ".join(OPTION_NAMES),
            )
            continue
        setting = _read_value(name, kind, value, value_at, report)
        if setting is not None:
            settings[name] = setting
    return settings


def _read_value(name: str, kind: str, value: Any, where: Location, report: Report) -> OptionSetting | None:
    if kind == POLARITY:
        if isinstance(value, str) and value in POLARITIES:
            return OptionSetting(name, value, where)
    elif kind == COUNT:
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return OptionSetting(name, value, where)
    elif isinstance(value, bool):
        if kind in (BOOL, READING_LIST):
            return OptionSetting(name, value, where)
    elif kind == READING_LIST and isinstance(value, LocatedList):
        readings: list[str] = []
        ok = True
        for entry, at in zip(value, value.item_locations, strict=True):
            if entry not in READINGS:
                report(
                    codes.UNKNOWN_READING,
                    f"unknown reading '{entry}' in option 'readings'",
                    at,
                    did_you_mean(str(entry), READINGS) or "the readings are " + ", ".join(READINGS),
                )
                ok = False
            else:
                readings.append(entry)
        return OptionSetting(name, tuple(readings), where) if ok else None
    elif kind not in (BOOL, READING_LIST, COUNT, POLARITY) and isinstance(value, str) and value.strip():
        return OptionSetting(name, value.strip(), where)
    report(codes.WRONG_TYPE, f"option '{name}' must be {kind}", where, _type_hint(name, kind, value))
    return None


def _type_hint(name: str, kind: str, value: Any) -> str:
    if kind == COUNT:
        return f"write '{name}: 3'"
    if kind == POLARITY:
        return f"write '{name}: support'"
    if kind == BOOL:
        return f"write '{name}: false' to turn it off"
    if kind == READING_LIST:
        return "write 'readings: false', or a list such as 'readings: [passive, possessive]'"
    if isinstance(value, LocatedList):
        return "name one list: a lexicon defined in this file or an imported one, or language.<slot>"
    return f"write '{name}: language.{name}' or the name of a lexicon"


def resolve_options(
    layers: Sequence[Mapping[str, OptionSetting]],
    lexicons: Mapping[str, Any],
    profile: LanguageProfile,
    report: Report | None = None,
) -> RuleOptions:
    """The options of a rule: the file's (`layers[0]`) overridden by the rule's; a list name
    that names nothing is reported (when `report` is given) and leaves the default."""
    merged: dict[str, OptionSetting] = {}
    for layer in layers:
        merged.update(layer)
    if not merged:
        return DEFAULT_OPTIONS
    values: dict[str, Any] = {}
    for name, setting in merged.items():
        kind = _KINDS[name]
        if kind in (BOOL, COUNT, POLARITY):
            values[name] = setting.value
        elif kind == READING_LIST:
            value = setting.value
            values[name] = frozenset(READINGS) if value is True else frozenset() if value is False else frozenset(value)
        else:
            found = word_list(setting, lexicons, profile, report)
            if found is not None:
                values[name] = found
    return RuleOptions(**values)


def word_list(
    setting: OptionSetting, lexicons: Mapping[str, Any], profile: LanguageProfile, report: Report | None
) -> WordList | None:
    """The list an option names: a language slot of words or phrases, or a visible lexicon."""
    written: str = setting.value
    if written.startswith(LANGUAGE_PREFIX):
        slot = written[len(LANGUAGE_PREFIX) :]
        kinds = slot_kinds()
        if kinds.get(slot) not in (WORDS, CASED, PHRASES):
            if report is not None:
                near = did_you_mean(slot, [s for s, k in kinds.items() if k in (WORDS, CASED, PHRASES)])
                report(
                    codes.UNKNOWN_LANGUAGE_SLOT,
                    f"option '{setting.name}' names '{written}', which is no language slot of words or phrases",
                    setting.location,
                    (near.replace("'", f"'{LANGUAGE_PREFIX}", 1) if near else None)
                    or "stancekit rules --language lists the slots",
                )
            return None
        value = getattr(profile, slot)
        entries = [" ".join(e) for e in value] if kinds[slot] == PHRASES else sorted(value)
        return _split(written, entries, "")
    name = written[1:] if written.startswith("@") else written
    lexicon = lexicons.get(name)
    if lexicon is None:
        if report is not None:
            report(
                codes.UNDEFINED_LEXICON,
                f"option '{setting.name}' names lexicon @{name}, which is not defined",
                setting.location,
                did_you_mean(name, lexicons)
                or f"define it under 'lexicons:', or write 'language.{setting.name}' for the pack's list",
            )
        return None
    return _split("@" + name, lexicon.entries, f"{lexicon.location.file}:{lexicon.location.line}")


def _split(source: str, entries: Sequence[str], where: str) -> WordList:
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for entry in entries:
        form = comparison_form(entry)
        if " " in form:
            phrases.append(tuple(form.split()))
        elif form:
            words.add(form)
    # longer phrases first, as the profile's phrase slots are tried in order
    phrases.sort(key=len, reverse=True)
    return WordList(source, frozenset(words), tuple(dict.fromkeys(phrases)), where)
