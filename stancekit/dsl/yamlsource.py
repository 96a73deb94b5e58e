"""YAML that remembers where every value came from, and that is only ever data.

Rule files are parsed with PyYAML's safe composer into nodes; this module turns the nodes into
plain Python values whose strings, lists and mappings carry their position in the file. Only
the standard YAML types are accepted: any other tag (`!!python/object`, a custom `!tag`) is
an error, so nothing in a rule file can ever construct an object or run code.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import yaml

from stancekit.dsl.errors import ERROR, Diagnostic, Location

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:timestamp",
}


@dataclass(frozen=True)
class SourceFile:
    """A rule file's text, with the means to turn character indices into locations."""

    display: str
    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [i + 1 for i, ch in enumerate(self.text) if ch == "\n"]

    def location(self, index: int, length: int = 1) -> Location:
        starts = self.line_starts
        line = bisect.bisect_right(starts, index) - 1
        line_start = starts[line]
        line_end = self.text.find("\n", line_start)
        line_text = self.text[line_start : line_end if line_end != -1 else len(self.text)]
        return Location(self.display, line + 1, index - line_start + 1, line_text, max(1, length))


class LocatedStr(str):
    """A string from a rule file that knows where each of its characters came from."""

    source: SourceFile
    start_index: int
    end_index: int
    style: str | None

    def location(self, offset: int = 0, length: int = 1) -> Location:
        """The location of character `offset` of this value in the file."""
        return self.source.location(self._source_index(offset), length)

    def _source_index(self, offset: int) -> int:
        raw = self.source.text[self.start_index : self.end_index]
        i = 1 if self.style in ("'", '"') else 0
        if self.style in ("|", ">"):
            i = raw.find("\n") + 1
        for k, ch in enumerate(self):
            while i < len(raw) and raw[i] != ch:
                i += 1
            if k == offset:
                return self.start_index + min(i, max(len(raw) - 1, 0))
            i += 1
        return self.start_index + min(i, max(len(raw) - 1, 0))


class LocatedList(list):
    """A YAML sequence; `location` is where it starts, `item_locations[i]` where item i does."""

    location: Location
    item_locations: list[Location]


class LocatedDict(dict):
    """A YAML mapping; `key_locations[k]` is where key k is written."""

    location: Location
    key_locations: dict[str, Location]


class YamlDataError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("invalid YAML")
        self.diagnostics = diagnostics


def load_located(source: SourceFile) -> Any:
    """Parse `source` into located values; raise `YamlDataError` with every problem found."""
    try:
        documents = list(yaml.compose_all(source.text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        location = source.location(mark.index) if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise YamlDataError(
            [
                Diagnostic(
                    ERROR,
                    "yaml-syntax",
                    f"YAML syntax error: {problem}",
                    location,
                    _yaml_hint(problem),
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlDataError([Diagnostic(ERROR, "yaml-syntax", f"YAML error: {exc}", None)]) from None
    if len(documents) > 1:
        second = documents[1]
        raise YamlDataError(
            [
                Diagnostic(
                    ERROR,
                    "yaml-multiple-documents",
                    "a rule file holds one YAML document",
                    source.location(second.start_mark.index) if second is not None else None,
                    "remove the '---' separator or split the file in two",
                )
            ]
        )
    if not documents or documents[0] is None:
        return None
    problems: list[Diagnostic] = []
    value = _convert(documents[0], source, problems, set())
    if problems:
        raise YamlDataError(problems)
    return value


def _yaml_hint(problem: str) -> str:
    if "tab" in problem:
        return "YAML indents with spaces, never tabs"
    if "mapping values" in problem:
        return "a value containing ': ' must be quoted"
    if "found character" in problem and "'@'" in problem:
        return 'a value starting with @ must be quoted, e.g. "@support_verbs"'
    if "expected <block end>" in problem or "block" in problem:
        return "check the indentation of this line against the lines above"
    if "found unexpected end of stream" in problem or "quoted scalar" in problem:
        return "a quoted string is not closed"
    return "see https://yaml.org/spec/1.2.2/ or quote the value"


_SAFE_CONSTRUCTOR = yaml.SafeLoader("")


def _convert(node: yaml.Node, source: SourceFile, problems: list[Diagnostic], active: set[int]) -> Any:
    location = source.location(node.start_mark.index)
    if node.tag not in _STANDARD_TAGS:
        problems.append(
            Diagnostic(
                ERROR,
                "yaml-tag",
                f"YAML tag '{node.tag}' is not allowed in a rule file",
                location,
                "rule files are plain data: strings, numbers, lists and mappings; remove the tag",
            )
        )
        return None
    if id(node) in active:
        problems.append(
            Diagnostic(ERROR, "yaml-recursive", "recursive YAML alias", location, "an alias may not contain itself")
        )
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str" or node.tag == "tag:yaml.org,2002:timestamp":
            value = LocatedStr(node.value)
            value.source = source
            value.start_index = node.start_mark.index
            value.end_index = node.end_mark.index
            value.style = node.style
            return value
        return _SAFE_CONSTRUCTOR.construct_object(node, deep=True)
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            items = LocatedList()
            items.location = location
            items.item_locations = []
            for child in node.value:
                items.append(_convert(child, source, problems, active))
                items.item_locations.append(source.location(child.start_mark.index))
            return items
        mapping = LocatedDict()
        mapping.location = location
        mapping.key_locations = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, source, problems, active)
            key_location = source.location(key_node.start_mark.index, len(str(key_node.value)))
            if not isinstance(key, str):
                problems.append(Diagnostic(ERROR, "yaml-key", f"mapping key {key!r} is not a string", key_location))
                continue
            if key in mapping:
                problems.append(
                    Diagnostic(
                        ERROR,
                        "duplicate-key",
                        f"key '{key}' appears twice in this mapping",
                        key_location,
                        f"the first is at line {mapping.key_locations[key].line}; keep one",
                    )
                )
                continue
            mapping[key] = _convert(value_node, source, problems, active)
            mapping.key_locations[key] = key_location
        return mapping
    finally:
        active.discard(id(node))
