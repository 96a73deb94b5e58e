"""YAML that remembers where every value came from, and that is only ever data.

Rule files are parsed with PyYAML's safe composer into nodes; this module turns the nodes into
plain Python values whose strings, lists and mappings carry their position in the file. Only
the standard YAML types are accepted: any other tag (`!!python/object`, a custom `!tag`) is
an error, so nothing in a rule file can ever construct an object or run code.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from stancekit import rule_limits
from stancekit.dsl import codes
from stancekit.dsl.errors import Diagnostic, Location

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


_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class SourceFile:
    """A rule file's text, with the means to turn character indices into locations."""

    display: str
    text: str

    @cached_property
    def line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _NEWLINE.finditer(self.text)]

    @cached_property
    def _line_texts(self) -> dict[int, str]:
        return {}

    def _line_text(self, line: int) -> str:
        """The text of 0-based `line`, one string per line however many locations share it: a
        rule file written on one long line gives a location to each of thousands of values."""
        found = self._line_texts.get(line)
        if found is None:
            start = self.line_starts[line]
            end = self.text.find("\n", start)
            found = self._line_texts[line] = self.text[start : end if end != -1 else len(self.text)]
        return found

    def location(self, index: int, length: int = 1) -> Location:
        starts = self.line_starts
        line = bisect.bisect_right(starts, index) - 1
        line_start = starts[line]
        line_text = self._line_text(line)
        col = index - line_start + 1
        length = min(length, len(line_text.rstrip("\r")) - col + 1)
        return Location(self.display, line + 1, col, line_text, max(1, length))

    def span(self, start: int, end: int) -> Location:
        """The location of the text from `start` to `end`, cut at the end of its first line."""
        return self.location(start, end - start)


class LocatedStr(str):
    """A string from a rule file that knows where each of its characters came from."""

    source: SourceFile
    start_index: int
    end_index: int
    style: str | None

    def location(self, offset: int = 0, length: int = 1) -> Location:
        """The location of characters `offset` to `offset + length` of this value in the file."""
        start, end = self._source_span(offset, max(1, length))
        return self.source.location(start, max(1, end - start))

    def _source_index(self, offset: int) -> int:
        """Where character `offset` of this value is written in the file (an escape such as
        \\u2019 counts from its backslash); past the end, where the value ends."""
        return self._source_span(offset, 1)[0]

    def _source_span(self, offset: int, length: int) -> tuple[int, int]:
        spans = self._spans
        if not spans:
            return self.start_index, self.start_index + 1
        if offset >= len(spans):
            end = spans[-1][1]
            last = max(self.end_index - 1, self.start_index)
            return min(end, last), min(end, last) + 1
        offset = max(offset, 0)
        start = spans[offset][0]
        end = spans[min(offset + length, len(spans)) - 1][1]
        return start, max(end, start + 1)

    @cached_property
    def _spans(self) -> list[tuple[int, int]]:
        """For each character of the value, the [start, end) of the file text it was written as."""
        raw = self.source.text[self.start_index : self.end_index]
        spans = None
        if self.style in ("'", '"'):
            spans = _quoted_spans(raw, self.style == '"')
        elif self.style is None:
            spans = _plain_spans(raw)
        if spans is not None and len(spans[0]) == len(self) and spans[0] == str(self):
            return [(self.start_index + a, self.start_index + b) for a, b in spans[1]]
        return [(self.start_index + i, self.start_index + i + 1) for i in _matched_indices(raw, self, self.style)]


def _matched_indices(raw: str, value: str, style: str | None) -> list[int]:
    """Source index of each value character, found by matching characters in order: exact for a
    literal block scalar, close enough for a folded one."""
    i = 1 if style in ("'", '"') else 0
    if style in ("|", ">"):
        i = raw.find("\n") + 1
    found = []
    last = max(len(raw) - 1, 0)
    for ch in value:
        while i < len(raw) and raw[i] != ch:
            i += 1
        found.append(min(i, last))
        i += 1
    return found


_BREAKS = "\r\n\x85\u2028\u2029"
_ESCAPES = {
    "0": "\0",
    "a": "\x07",
    "b": "\x08",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\x0b",
    "f": "\x0c",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "\\": "\\",
    "/": "/",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_ESCAPE_CODES = {"x": 2, "u": 4, "U": 8}

_Spans = tuple[str, list[tuple[int, int]]]


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.spans: list[tuple[int, int]] = []

    def add(self, text: str, start: int, end: int) -> None:
        for ch in text:
            self.chars.append(ch)
            self.spans.append((start, end))

    def copy(self, raw: str, start: int, end: int) -> None:
        for k in range(start, end):
            self.add(raw[k], k, k + 1)

    def result(self) -> _Spans:
        return "".join(self.chars), self.spans


def _line_break(raw: str, i: int) -> tuple[str, int]:
    """The line break at `i` as YAML reads it, and the index after it."""
    if raw.startswith("\r\n", i):
        return "\n", i + 2
    if raw[i] in "\r\n\x85":
        return "\n", i + 1
    return raw[i], i + 1


def _quoted_spans(raw: str, double: bool) -> _Spans | None:
    """Replays YAML's reading of a quoted scalar (escapes, '' and line folding) over its source."""
    out = _Builder()
    quote = raw[:1]
    n = len(raw)
    i = 1

    def breaks(i: int) -> int:
        # Empty lines inside the scalar each give a line break; leading blanks are skipped.
        while True:
            while i < n and raw[i] in " \t":
                i += 1
            if i < n and raw[i] in _BREAKS:
                text, after = _line_break(raw, i)
                out.add(text, i, i + 1)
                i = after
            else:
                return i

    while True:
        # A run without spaces.
        while i < n:
            ch = raw[i]
            if ch not in "'\"\\ \t" + _BREAKS:
                out.copy(raw, i, i + 1)
                i += 1
            elif not double and ch == "'" and raw[i + 1 : i + 2] == "'":
                out.add("'", i, i + 2)
                i += 2
            elif (double and ch == "'") or (not double and ch in '"\\'):
                out.copy(raw, i, i + 1)
                i += 1
            elif double and ch == "\\":
                code = raw[i + 1 : i + 2]
                if code in _ESCAPES:
                    out.add(_ESCAPES[code], i, i + 2)
                    i += 2
                elif code in _ESCAPE_CODES:
                    digits = raw[i + 2 : i + 2 + _ESCAPE_CODES[code]]
                    try:
                        out.add(chr(int(digits, 16)), i, i + 2 + len(digits))
                    except ValueError:
                        return None
                    i += 2 + len(digits)
                elif code and code in _BREAKS:
                    i = breaks(_line_break(raw, i + 1)[1])
                else:
                    return None
            else:
                break
        if i >= n:
            return None
        if raw[i] == quote:
            return out.result()
        # Blanks, and a line break folded into a space (or kept, if empty lines follow).
        start = i
        while i < n and raw[i] in " \t":
            i += 1
        if i < n and raw[i] in _BREAKS:
            text, after = _line_break(raw, i)
            at = i
            count = len(out.chars)
            i = breaks(after)
            if text != "\n":
                out.chars.insert(count, text)
                out.spans.insert(count, (at, at + 1))
            elif len(out.chars) == count:
                out.add(" ", at, at + 1)
        elif i > start:
            out.copy(raw, start, i)
        else:
            return None  # not a quoted scalar as YAML writes one
        if i >= n:
            return None


def _plain_spans(raw: str) -> _Spans | None:
    """Replays YAML's folding of an unquoted scalar that runs over several lines."""
    out = _Builder()
    n = len(raw)
    i = 0
    while i < n:
        if raw[i] not in " \t" + _BREAKS:
            out.copy(raw, i, i + 1)
            i += 1
            continue
        start = i
        while i < n and raw[i] in " \t":
            i += 1
        if i < n and raw[i] in _BREAKS:
            at = i
            lines = 0
            first = None
            while i < n and raw[i] in " \t" + _BREAKS:
                if raw[i] in _BREAKS:
                    text, after = _line_break(raw, i)
                    if first is None:
                        first = text
                    else:
                        out.add(text, i, i + 1)
                    lines += 1
                    i = after
                else:
                    i += 1
            if first != "\n":
                out.chars.insert(len(out.chars) - (lines - 1), first)
                out.spans.insert(len(out.spans) - (lines - 1), (at, at + 1))
            elif lines == 1:
                out.add(" ", at, at + 1)
        else:
            out.copy(raw, start, i)
    return out.result()


class LocatedList(list):
    """A YAML sequence; `location` is where it starts, `item_locations[i]` where item i does."""

    location: Location
    item_locations: list[Location]


class LocatedDict(dict):
    """A YAML mapping; `key_locations[k]` is where key k is written, `value_locations[k]` its value."""

    location: Location
    key_locations: dict[str, Location]
    value_locations: dict[str, Location]


class YamlDataError(Exception):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__("invalid YAML")
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class ReadRuleFile:
    """A rule file as read from disk: its text (None when it could not be read or was too
    large to), its located data (None when there was none, or it was not valid YAML) and the
    problems met on the way."""

    source: SourceFile | None
    data: Any
    diagnostics: tuple[Diagnostic, ...]

    @property
    def refused(self) -> bool:
        """Whether the file was refused before it could give any rule: unreadable, too large or
        not valid YAML within the limits (`stancekit.rule_limits`)."""
        return any(d.is_error for d in self.diagnostics)


def read_rule_file(path: Path, display: str) -> ReadRuleFile:
    """Read the rule file `path` (named `display` in messages) within the limits: a file over
    `MAX_RULE_FILE_BYTES` is refused at its first line unparsed, and YAML past the alias and
    nesting limits is refused at the place it crosses them. Cheap on purpose: it needs
    nothing of the rule language, so a hostile file is refused before that is loaded."""
    try:
        with path.open("rb") as stream:
            raw = stream.read(rule_limits.MAX_RULE_FILE_BYTES + 1)
            size = max(os.fstat(stream.fileno()).st_size, len(raw))
        if len(raw) > rule_limits.MAX_RULE_FILE_BYTES:
            return ReadRuleFile(None, None, (_too_large(display, raw, size),))
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return ReadRuleFile(None, None, (codes.UNREADABLE.diagnostic(f"cannot read rule file {display}: {exc}"),))
    source = SourceFile(display, text)
    try:
        return ReadRuleFile(source, load_located(source), ())
    except YamlDataError as exc:
        return ReadRuleFile(source, None, tuple(exc.diagnostics))


def _too_large(display: str, head: bytes, size: int) -> Diagnostic:
    """A rule file over `MAX_RULE_FILE_BYTES`, reported at its first line."""
    first_line = head[:200].decode("utf-8-sig", errors="replace").split("\n")[0].rstrip("\r")
    return codes.FILE_TOO_LARGE.diagnostic(
        f"rule file is {size:,} bytes, over the limit of {rule_limits.MAX_RULE_FILE_BYTES:,}",
        Location(display, 1, 1, first_line),
    )


def _compose(text: str) -> list:
    """The YAML documents of `text` as nodes. libyaml, when PyYAML has it, is ten times faster
    on large rule sets and gives the same nodes and positions; a file it refuses is read again
    by the pure-Python parser, whose error messages the diagnostics are written for."""
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return list(yaml.compose_all(text, Loader=fast))
        except yaml.YAMLError:
            pass
    return list(yaml.compose_all(text, Loader=yaml.SafeLoader))


def _shape_problem(source: SourceFile) -> Diagnostic | None:
    """The first place where `source` would take unbounded work to turn into values: aliases
    that expand past `MAX_YAML_ALIASES` uses or nest past `MAX_YAML_ALIAS_DEPTH`, or lists and
    mappings nested past `MAX_YAML_NESTING`.

    The composer never expands an alias (it links the node), so a "billion laughs" is cheap to
    compose and only explodes when it is converted; and the pure-Python composer recurses once
    per level of nesting. So the check runs on the parser's events, before either, in one pass:
    for each anchor it keeps how many alias uses its value holds once expanded, and how deeply
    they nest. A file the parser refuses is left to the composer, which reports it in its words.
    """
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _first_shape_problem(source, fast)
        except yaml.YAMLError:
            pass  # libyaml looks ahead and may stop before the events that show the problem
    try:
        return _first_shape_problem(source, yaml.SafeLoader)
    except yaml.YAMLError:
        return None


def _first_shape_problem(source: SourceFile, loader: Any) -> Diagnostic | None:
    expanded: dict[str, tuple[int, int]] = {}  # anchor -> (alias uses inside, alias depth inside)
    open_collections: list[list[Any]] = []  # [anchor, alias uses inside, alias depth inside]
    total = 0
    for event in yaml.parse(source.text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            if len(open_collections) >= rule_limits.MAX_YAML_NESTING:
                return codes.YAML_NESTING.diagnostic(
                    f"lists and mappings nest more than {rule_limits.MAX_YAML_NESTING} deep here",
                    source.location(event.start_mark.index),
                )
            open_collections.append([event.anchor, 0, 0])
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, uses, depth = open_collections.pop()
            if anchor is not None:
                expanded[anchor] = (uses, depth)
            if open_collections:
                open_collections[-1][1] += uses
                open_collections[-1][2] = max(open_collections[-1][2], depth)
        elif isinstance(event, yaml.ScalarEvent) and event.anchor is not None:
            expanded[event.anchor] = (0, 0)
        elif isinstance(event, yaml.AliasEvent):
            inside, inside_depth = expanded.get(event.anchor, (0, 0))
            uses, depth = 1 + inside, 1 + inside_depth
            total += uses
            if total > rule_limits.MAX_YAML_ALIASES or depth > rule_limits.MAX_YAML_ALIAS_DEPTH:
                return _alias_problem(source, event, uses, depth)
            if open_collections:
                open_collections[-1][1] += uses
                open_collections[-1][2] = max(open_collections[-1][2], depth)
    return None


def _alias_problem(source: SourceFile, event: yaml.AliasEvent, uses: int, depth: int) -> Diagnostic:
    location = source.span(event.start_mark.index, event.end_mark.index)
    hint = "a rule file is plain data: write the values out, or share words through a lexicon"
    if depth > rule_limits.MAX_YAML_ALIAS_DEPTH:
        message = f"YAML aliases nest more than {rule_limits.MAX_YAML_ALIAS_DEPTH} deep here"
        return codes.YAML_ALIASES.diagnostic(message, location, hint)
    message = (
        f"YAML aliases expand past {rule_limits.MAX_YAML_ALIASES} uses here"
        f" ('*{event.anchor}' brings {uses}, counting the aliases in its value)"
    )
    return codes.YAML_ALIASES.diagnostic(message, location, hint)


def load_located(source: SourceFile) -> Any:
    """Parse `source` into located values; raise `YamlDataError` with every problem found."""
    problem = _shape_problem(source)
    if problem is not None:
        raise YamlDataError([problem])
    try:
        documents = _compose(source.text)
    except yaml.MarkedYAMLError as exc:
        raise YamlDataError([_syntax_diagnostic(exc, source)]) from None
    except yaml.YAMLError as exc:
        raise YamlDataError([codes.YAML_SYNTAX.diagnostic(f"YAML error: {exc}", None)]) from None
    if len(documents) > 1:
        second = documents[1]
        raise YamlDataError(
            [
                codes.YAML_MULTIPLE_DOCUMENTS.diagnostic(
                    "a rule file holds one YAML document",
                    source.location(second.start_mark.index) if second is not None else None,
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


def _syntax_diagnostic(exc: yaml.MarkedYAMLError, source: SourceFile) -> Diagnostic:
    """A YAML syntax error in the words of a rule author; PyYAML's own text when nothing fits."""
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "malformed YAML"
    explained = _explain_syntax(exc, source)
    if explained is not None:
        message, location, hint = explained
        return codes.YAML_SYNTAX.diagnostic(message, location, hint)
    location = source.location(mark.index) if mark else None
    return codes.YAML_SYNTAX.diagnostic(f"YAML syntax error: {problem}", location, _yaml_hint(problem))


def _yaml_hint(problem: str) -> str:
    if "found character" in problem and "'@'" in problem:
        return 'a value starting with @ must be quoted, e.g. "@support_verbs"'
    if "found character" in problem:
        return "put the value in quotes"
    if "block" in problem:
        return "check the indentation of this line against the lines above"
    return "see https://yaml.org/spec/1.2.2/ or quote the value"


def _line_of(source: SourceFile, index: int) -> tuple[int, str]:
    """The index where the line holding `index` starts, and its text."""
    start = source.text.rfind("\n", 0, index) + 1
    end = source.text.find("\n", index)
    return start, source.text[start : end if end != -1 else len(source.text)].rstrip("\r")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line_above(source: SourceFile, index: int) -> tuple[int, str] | None:
    """The line number and text of the nearest line above `index` that holds data."""
    start, _ = _line_of(source, index)
    lines = source.text[:start].split("\n")[:-1]
    for number in range(len(lines), 0, -1):
        text = lines[number - 1].rstrip("\r")
        if text.strip() and not text.lstrip().startswith("#"):
            return number, text
    return None


def yaml_quoted(text: str) -> str:
    """`text` as a quoted YAML value: double quotes unless it holds a double quote or backslash."""
    if '"' not in text and "\\" not in text:
        return f'"{text}"'
    return "'" + text.replace("'", "''") + "'"


def _key_and_value(line: str) -> tuple[str, int] | None:
    """For a 'key: value' or '- value' line: the text before the value and the value's column."""
    match = re.match(r"^(\s*(?:-\s+)*(?:[^\s'\"#][^:#]*?:\s+)?)(\S)", line)
    if not match or not match.group(1).strip():
        return None
    return match.group(1), match.start(2)


def _explain_syntax(exc: yaml.MarkedYAMLError, source: SourceFile) -> tuple[str, Location, str] | None:
    problem = exc.problem or ""
    context = exc.context or ""
    mark, opened = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    at = mark.index
    line_start, line = _line_of(source, at)
    before = line[: at - line_start]
    runaway = _runaway_quote(source, mark)
    if runaway is not None:
        return runaway
    if "found character '\\t'" in problem:
        message = "this line is indented with a tab" if not before.strip() else "a tab cannot be used here"
        return message, source.location(at), "YAML indents with spaces, never tabs"
    if problem.startswith("found character") and "cannot start any token" in problem:
        ch = source.text[at]
        hint = 'quote the value, e.g. "@support_verbs"' if ch == "@" else "put the value in quotes"
        return f"a value cannot start with '{ch}' unless it is quoted", source.location(at), hint
    if "quoted scalar" in context and opened is not None and "unexpected" in problem:
        quote = source.text[opened.index]
        inside = "''" if quote == "'" else '\\"'
        return (
            "quoted string is never closed",
            source.location(opened.index),
            f"add the closing {quote} at the end of the value; a {quote} inside it is typed {inside}",
        )
    if problem.startswith("found unknown escape character") and opened is not None:
        escape = source.text[at - 1 : at + 1]
        return (
            f"'{escape}' is not an escape sequence of a double-quoted YAML string",
            source.location(at - 1, 2),
            f"to keep the backslash (as in /\\d+/) type it twice, \\{escape}, or put the whole value in single quotes",
        )
    if problem.startswith("expected ','") and "<stream end>" in problem and opened is not None:
        bracket = source.text[opened.index]
        closing = {"[": "]", "{": "}"}.get(bracket, "")
        return (
            f"'{bracket}' is never closed",
            source.location(opened.index),
            f"add '{closing}' where the {'list' if bracket == '[' else 'mapping'} ends",
        )
    if problem.startswith("expected <block end>") or problem == "mapping values are not allowed here":
        found = _key_and_value(line)
        if before.strip() and found is not None and found[1] <= len(before):
            return _after_value(source, line_start, line, at, problem)
        return _bad_indentation(source, line_start + _indent(line), line)
    if problem == "could not find expected ':'" and opened is not None:
        return (
            "expected 'key: value' on this line",
            source.location(opened.index),
            "write a key, a colon and a space before the value; to continue the value of the line"
            " above, put that whole value in quotes",
        )
    return None


def _runaway_quote(source: SourceFile, mark: yaml.Mark) -> tuple[str, Location, str] | None:
    """A quoted value left open on an earlier line, so that YAML read on to the next quote of the
    same kind and then stumbled on the text after it: the real mistake is the missing quote."""
    last = None
    try:
        for token in yaml.scan(source.text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if not isinstance(last, yaml.ScalarToken) or last.style not in ("'", '"'):
        return None
    if not last.start_mark.line < last.end_mark.line == mark.line:
        return None
    quote = last.style
    return (
        "quoted string is never closed",
        source.location(last.start_mark.index),
        f"add the closing {quote} at the end of the value; without it YAML reads on to the {quote}"
        f" on line {last.end_mark.line + 1}",
    )


def _bad_indentation(source: SourceFile, at: int, line: str) -> tuple[str, Location, str]:
    above = _line_above(source, at)
    hint = "lines of the same mapping or list must start in the same column"
    if above is not None:
        number, text = above
        item, item_above = line.lstrip().startswith("- "), text.lstrip().startswith("- ")
        if _indent(line) == _indent(text) and item_above and not item:
            hint = (
                f"line {number} above is a list item; start this line with '- ' to make it another item,"
                " or indent it to line up with the keys of that item"
            )
        elif _indent(line) == _indent(text) and item and not item_above:
            hint = f"line {number} above is 'key: value'; indent this '- ' item under the key it belongs to"
        else:
            hint = (
                f"this line is indented {_spaces(_indent(line))} and line {number} above it"
                f" {_spaces(_indent(text))}; {hint}"
            )
    return "this line's indentation does not match the lines above", source.location(at), hint


def _spaces(n: int) -> str:
    return f"{n} space{'s' if n != 1 else ''}"


def _after_value(
    source: SourceFile, line_start: int, line: str, at: int, problem: str
) -> tuple[str, Location, str] | None:
    """Text that YAML cannot read after a value on the same line: usually an unquoted value."""
    found = _key_and_value(line)
    assert found is not None
    prefix, column = found
    value = line[column:]
    if " #" in value:
        value = value[: value.index(" #")]
    value = value.rstrip()
    location = source.location(line_start + column, len(value))
    quoted = f"{prefix.strip()} {yaml_quoted(value)}"
    first = value[0]
    if problem == "mapping values are not allowed here":
        return "a value containing ': ' must be quoted", source.location(at), f"write {quoted}"
    if first in "{[":
        what = "mapping" if first == "{" else "list"
        return (
            f"a value that starts with '{first}' must be quoted",
            location,
            f"YAML reads '{first}' as the start of a {what}; quote the whole value: {quoted}",
        )
    if first in "'\"":
        return (
            "text follows the closing quote of this value",
            source.location(at),
            f"quote the whole value: {quoted}",
        )
    return None


_SAFE_CONSTRUCTOR = yaml.SafeLoader("")


def node_location(source: SourceFile, node: yaml.Node) -> Location:
    """Where `node` is written: a scalar's whole text (on its first line), else its first character."""
    if isinstance(node, yaml.ScalarNode):
        return source.span(node.start_mark.index, node.end_mark.index)
    return source.location(node.start_mark.index)


_TAG_AS_WRITTEN = re.compile(r"(?:&\S+\s+)?(!\S*)")


def _tag_as_written(node: yaml.Node, source: SourceFile) -> tuple[str, Location]:
    """The tag of `node` as the file spells it (`!!python/...`), and where it is."""
    match = _TAG_AS_WRITTEN.match(source.text, node.start_mark.index)
    if match:
        return match.group(1), source.span(match.start(1), match.end(1))
    tag = node.tag
    if tag.startswith("tag:yaml.org,2002:"):
        tag = "!!" + tag[len("tag:yaml.org,2002:") :]
    return tag, source.location(node.start_mark.index)


def _convert(node: yaml.Node, source: SourceFile, problems: list[Diagnostic], active: set[int]) -> Any:
    if node.tag not in _STANDARD_TAGS:
        tag, tag_location = _tag_as_written(node, source)
        problems.append(
            codes.YAML_TAG.diagnostic(
                f"YAML tag '{tag}' is not allowed in a rule file",
                tag_location,
            )
        )
        return None
    if id(node) in active:
        problems.append(codes.YAML_RECURSIVE.diagnostic("recursive YAML alias", source.location(node.start_mark.index)))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:str" or node.tag == "tag:yaml.org,2002:timestamp":
            value = LocatedStr(node.value)
            value.source = source
            value.start_index = node.start_mark.index
            value.end_index = node.end_mark.index
            value.style = node.style or None  # libyaml writes '' for plain scalars
            return value
        return _SAFE_CONSTRUCTOR.construct_object(node, deep=True)
    # a scalar's own location is not kept (its container keeps it): only a container's is
    location = source.location(node.start_mark.index)
    active.add(id(node))
    try:
        if isinstance(node, yaml.SequenceNode):
            items = LocatedList()
            items.location = location
            items.item_locations = []
            for child in node.value:
                items.append(_convert(child, source, problems, active))
                items.item_locations.append(node_location(source, child))
            return items
        mapping = LocatedDict()
        mapping.location = location
        mapping.key_locations = {}
        mapping.value_locations = {}
        for key_node, value_node in node.value:
            key = _convert(key_node, source, problems, active)
            key_location = source.location(key_node.start_mark.index, len(str(key_node.value)))
            if not isinstance(key, str):
                problems.append(codes.YAML_KEY.diagnostic(f"mapping key {key!r} is not a string", key_location))
                continue
            if key in mapping:
                problems.append(
                    codes.DUPLICATE_KEY.diagnostic(
                        f"key '{key}' appears twice in this mapping",
                        key_location,
                        f"the first is at line {mapping.key_locations[key].line}; keep one",
                    )
                )
                continue
            mapping[key] = _convert(value_node, source, problems, active)
            mapping.key_locations[key] = key_location
            mapping.value_locations[key] = node_location(source, value_node)
        return mapping
    finally:
        active.discard(id(node))
