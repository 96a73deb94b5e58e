"""Rule test files: texts and the findings expected from them, kept beside the rules.

Two formats, both found by a name with `.test.` in it (which the rule loader skips):

`*.test.yaml`::

    stancekit: 1
    tests:
      - text: "Germany backs the new sanctions package."
        expect:
          - {actor: Germany, polarity: support, topic: the new sanctions package}
      - text: "Support for the package grew."
        expect: []                       # no finding at all, from any rule
      - text: "..."
        expect: [{actor: X, polarity: oppose, rule: en.verb.oppose}]   # from this rule
      - text: "Mira Osei donated to the harbour trust."
        expect: [{actor: Mira Osei, polarity: support, kind: act}]      # of this kind
        todo: "why it fails for now"     # a known failure

`*.test.txt`: news-like text, one test per line; comment lines before a line say what it
should give::

    # expect: actor=Germany; polarity=support; topic=the new sanctions package
    Germany backs the new sanctions package.
    # expect: none
    Support for the package grew.

Several `# expect:` lines give several findings; `# todo: reason` marks a known failure;
other `#` lines are comments, and a line of text with no `# expect:` before it is not a test.
Each line is scanned as a document of its own.

A test lists every finding of its text: it passes when each expected finding is found and
nothing else is. Expected fields left out are not compared; `actor` and `topic` compare with
the finding's text or name, ignoring case. Problems in a test file are `Diagnostic`s with
file:line:col, like those of rule files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from stancekit.dsl import codes
from stancekit.dsl.errors import Diagnostic, Location, did_you_mean
from stancekit.dsl.expect import FLAGS, TEST_EXPECT, read_expect
from stancekit.dsl.loader import BUNDLED_PREFIX, RULE_FILE_SUFFIXES, TEST_FILE_MARKERS, display_path
from stancekit.dsl.model import POLARITIES, ExpectedFinding
from stancekit.dsl.yamlsource import LocatedDict, LocatedList, SourceFile, YamlDataError, load_located
from stancekit.findings import KINDS
from stancekit.resources import bundled_rules_dir

TEXT_SUFFIXES = (".txt",)
TEST_FILE_SUFFIXES = (*RULE_FILE_SUFFIXES, *TEXT_SUFFIXES)
TOP_LEVEL_KEYS = ("stancekit", "description", "tests")
TEST_KEYS = ("text", "expect", "todo")
ANNOTATIONS = ("expect", "todo")
_TRUE = ("true", "yes")
_FALSE = ("false", "no")


#: The expected finding of a test file is the one type examples use too (kept under this name
#: for code that imports it from here).
Expectation = ExpectedFinding


@dataclass(frozen=True)
class TestCase:
    """One text of a test file and every finding expected from it (none when `expect` is empty)."""

    file: str
    location: Location
    text: str
    expect: tuple[ExpectedFinding, ...]
    todo: str | None = None

    @property
    def line(self) -> int:
        return self.location.line


def is_test_file(path: str | Path) -> bool:
    name = Path(str(path)).name
    return any(marker in name for marker in TEST_FILE_MARKERS) and name.endswith(TEST_FILE_SUFFIXES)


def target_path(target: str | Path) -> Path:
    """A command-line path, with `stancekit:en/...` naming the bundled pack."""
    text = str(target)
    if text.startswith(BUNDLED_PREFIX):
        return bundled_rules_dir().parent / text[len(BUNDLED_PREFIX) :]
    return Path(text)


def find_test_files(targets: Iterable[str | Path]) -> list[Path]:
    """The test files that go with rule targets: every test file in a folder (recursively,
    hidden ones left out), `<name>.test.yaml` / `<name>.test.txt` beside a rule file
    `<name>.yaml`, and a test file named itself."""
    found: list[Path] = []
    for target in targets:
        path = target_path(target)
        if path.is_dir():
            for candidate in sorted(path.rglob("*")):
                relative = candidate.relative_to(path).parts
                if candidate.is_file() and is_test_file(candidate) and not any(p.startswith(".") for p in relative):
                    found.append(candidate)
        elif is_test_file(path):
            found.append(path)
        elif path.is_file() and path.parent.is_dir():
            stem = path.name.rsplit(".", 1)[0]
            found.extend(
                sibling
                for sibling in sorted(path.parent.iterdir())
                if sibling.is_file() and is_test_file(sibling) and sibling.name.split(".")[0] == stem
            )
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def read_test_file(path: Path) -> tuple[list[TestCase], list[Diagnostic]]:
    """The tests of one file, and every problem found in it."""
    display = display_path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        return [], [codes.MISSING_TESTS.diagnostic(f"test file '{path}' does not exist", None)]
    except (OSError, UnicodeDecodeError) as exc:
        return [], [codes.UNREADABLE.diagnostic(f"cannot read test file {display}: {exc}", None)]
    source = SourceFile(display, text)
    if path.name.endswith(TEXT_SUFFIXES):
        return _AnnotatedText(source).read()
    return _YamlTests(source).read()


def check_rule_names(cases: Sequence[TestCase], rule_ids: Iterable[str]) -> list[Diagnostic]:
    """An error for each `rule:` of an expectation that names no loaded rule."""
    known = sorted(set(rule_ids))
    problems = []
    for case in cases:
        for expected in case.expect:
            if expected.rule is not None and expected.rule not in known:
                problems.append(
                    codes.UNKNOWN_RULE.diagnostic(
                        f"no rule has the id '{expected.rule}'",
                        expected.rule_location or case.location,
                        did_you_mean(expected.rule, known) or "write the id of a loaded rule (see `stancekit rules`)",
                    )
                )
    return problems


# -- *.test.yaml -------------------------------------------------------------------------------


class _YamlTests:
    def __init__(self, source: SourceFile):
        self.source = source
        self.problems: list[Diagnostic] = []

    def error(self, code: codes.Code, message: str, location: Location | None, hint: str | None = None) -> None:
        self.problems.append(code.diagnostic(message, location, hint))

    def read(self) -> tuple[list[TestCase], list[Diagnostic]]:
        try:
            data = load_located(self.source)
        except YamlDataError as exc:
            return [], list(exc.diagnostics)
        if not isinstance(data, LocatedDict):
            self.error(
                codes.NOT_A_MAPPING,
                "a test file must be a mapping with a 'tests' list",
                getattr(data, "location", None) or self.source.location(0),
                "start the file with 'stancekit: 1' and 'tests:', then '- text: ...' items",
            )
            return [], self.problems
        self._check_keys(data, TOP_LEVEL_KEYS, "top-level key")
        if data.get("stancekit", 1) != 1:
            self.error(
                codes.FORMAT_VERSION,
                f"unsupported test file version {data.get('stancekit')!r}",
                data.value_locations["stancekit"],
                "this stancekit reads 'stancekit: 1'",
            )
        tests = data.get("tests")
        cases: list[TestCase] = []
        if "tests" not in data:
            self.error(
                codes.MISSING_KEY,
                "test file has no 'tests' list",
                data.location,
                "add 'tests:' with '- text: ...' items",
            )
        elif not isinstance(tests, LocatedList):
            self.error(
                codes.WRONG_TYPE,
                "'tests' must be a list",
                data.key_locations["tests"],
                "write 'tests:' then '- text: ...' items",
            )
        else:
            for item, location in zip(tests, tests.item_locations, strict=True):
                case = self._read_test(item, location)
                if case is not None:
                    cases.append(case)
        return cases, self.problems

    def _check_keys(self, mapping: LocatedDict, allowed: Sequence[str], what: str) -> bool:
        ok = True
        for key in mapping:
            if key not in allowed:
                ok = False
                self.error(
                    codes.UNKNOWN_KEY,
                    f"unknown {what} '{key}'",
                    mapping.key_locations.get(key),
                    did_you_mean(key, allowed) or f"allowed: {', '.join(allowed)}",
                )
        return ok

    def _read_test(self, item: Any, location: Location) -> TestCase | None:
        if not isinstance(item, LocatedDict):
            self.error(
                codes.WRONG_TYPE,
                "a test must be a mapping with 'text' and 'expect'",
                location,
                "write '- text: ...' and, under it, 'expect: [...]'",
            )
            return None
        ok = self._check_keys(item, TEST_KEYS, "test key")
        text = item.get("text")
        if not isinstance(text, str) or not text.strip():
            self.error(codes.MISSING_KEY, "test has no 'text'", location, "add 'text: ...' with the sentence to scan")
            ok = False
        todo = item.get("todo")
        if todo is not None and not isinstance(todo, str):
            self.error(codes.WRONG_TYPE, "'todo' must be a reason, in words", item.value_locations["todo"])
            ok = False
        if "expect" not in item:
            self.error(
                codes.MISSING_KEY,
                "test has no 'expect'",
                location,
                "list the findings it should give, e.g. expect: [{actor: X, polarity: support, topic: Y}];"
                " 'expect: []' for a text that must give none",
            )
            return None
        expect = read_expect(item, TEST_EXPECT, self.error, self._bad_polarity)
        if expect is None or not ok:
            return None
        return TestCase(self.source.display, location, str(text), expect, str(todo) if todo else None)

    def _bad_polarity(self, expected: LocatedDict) -> None:
        polarity = expected["polarity"]
        shown = str(polarity).lower() if isinstance(polarity, bool) else str(polarity)
        self.error(
            codes.BAD_POLARITY,
            f"expected polarity must be support, oppose or neutral, not '{shown}'",
            expected.value_locations["polarity"],
            did_you_mean(str(polarity), POLARITIES) or "write support, oppose or neutral",
        )


# -- *.test.txt --------------------------------------------------------------------------------

_ANNOTATION_RE = re.compile(r"^(\s*#\s*)([A-Za-z_-]+)(\s*):(.*)$")


class _AnnotatedText:
    def __init__(self, source: SourceFile):
        self.source = source
        self.problems: list[Diagnostic] = []

    def error(self, code: codes.Code, message: str, location: Location, hint: str | None = None) -> None:
        self.problems.append(code.diagnostic(message, location, hint))

    def at(self, line_number: int, line: str, col: int, length: int = 1) -> Location:
        return Location(self.source.display, line_number, col + 1, line, max(1, length))

    def read(self) -> tuple[list[TestCase], list[Diagnostic]]:
        cases: list[TestCase] = []
        expect: list[ExpectedFinding] = []
        first: Location | None = None  # the first annotation of the pending test
        none_at: Location | None = None
        todo: str | None = None
        broken = False
        for number, line in enumerate(self.source.text.splitlines(), start=1):
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.startswith("#"):
                found = _ANNOTATION_RE.match(line)
                if found is None:
                    continue
                word = found.group(2).lower()
                value_col = found.end(3) + 1
                value = found.group(4)
                if word not in ANNOTATIONS:
                    near = did_you_mean(word, ANNOTATIONS)
                    if near is not None:
                        self.error(
                            codes.UNKNOWN_ANNOTATION,
                            f"'# {found.group(2)}:' is not an annotation",
                            self.at(number, line, found.start(2), len(found.group(2))),
                            f"{near[:-1]} (written '# expect: ...' or '# todo: ...')",
                        )
                        broken = True
                    continue
                here = self.at(number, line, found.start(2), len(found.group(2)))
                if word == "todo":
                    if not value.strip():
                        self.error(
                            codes.WRONG_TYPE, "'# todo:' needs a reason", here, "write '# todo: why it fails for now'"
                        )
                        broken = True
                    elif todo is not None:
                        self.error(codes.DUPLICATE_KEY, "a second '# todo:' for the same line", here, "keep one")
                        broken = True
                    todo = value.strip()
                    first = first or here
                    continue
                first = first or here
                if value.strip().lower() == "none":
                    none_at = here
                    if expect:
                        self.error(
                            codes.EXPECT_NONE,
                            "'# expect: none' cannot stand with other '# expect:' lines for the same line",
                            here,
                        )
                        broken = True
                    continue
                if none_at is not None:
                    self.error(
                        codes.EXPECT_NONE,
                        "'# expect: none' cannot stand with other '# expect:' lines for the same line",
                        none_at,
                    )
                    broken = True
                parsed = self._expectation(number, line, value_col, value)
                if parsed is None:
                    broken = True
                else:
                    expect.append(parsed)
                continue
            if first is None:
                continue  # prose with nothing expected of it: not a test
            if none_at is None and not expect and not broken:
                self.error(
                    codes.TODO_WITHOUT_EXPECT,
                    "'# todo:' marks the next line, but that line has no '# expect:'",
                    first,
                )
                broken = True
            if not broken:
                location = self.at(number, line, len(line) - len(line.lstrip()), len(stripped))
                cases.append(TestCase(self.source.display, location, stripped, tuple(expect), todo))
            expect, first, none_at, todo, broken = [], None, None, None, False
        if first is not None:
            self.error(
                codes.EXPECT_WITHOUT_TEXT,
                "no line of text follows this annotation",
                first,
            )
        return cases, self.problems

    def _expectation(self, number: int, line: str, col: int, value: str) -> ExpectedFinding | None:
        """`actor=Germany; polarity=support; topic=the package` -> an `ExpectedFinding`."""
        fields: dict[str, Any] = {}
        ok = True
        if not value.strip():
            self.error(
                codes.WRONG_TYPE,
                "'# expect:' is empty",
                self.at(number, line, col - 1),
                "write '# expect: actor=X; polarity=support; topic=Y', or '# expect: none'",
            )
            return None
        for start, part in _fields(value):
            text = part.strip()
            if not text:
                continue
            where = col + start + (len(part) - len(part.lstrip()))
            if "=" not in text:
                self.error(
                    codes.EXPECT_SYNTAX,
                    f"'{text}' is not key=value",
                    self.at(number, line, where, len(text)),
                )
                ok = False
                continue
            key, after = text.split("=", 1)
            key = key.strip().lower()
            raw = _unquote(after.strip())
            value_col = where + text.index("=") + 1 + len(after) - len(after.lstrip())
            value_at = self.at(number, line, value_col, len(after.strip()))
            glued = re.search(r"\s(\w+)\s*=", raw) if not after.strip().startswith('"') else None
            if glued is not None:
                self.error(
                    codes.EXPECT_SYNTAX,
                    f"a ';' is missing before '{glued.group(1)}='",
                    self.at(number, line, value_col + glued.start(1), len(glued.group(1))),
                )
                ok = False
            elif key not in TEST_EXPECT.keys:
                self.error(
                    codes.UNKNOWN_KEY,
                    f"unknown expected-finding key '{key}'",
                    self.at(number, line, where, len(key)),
                    did_you_mean(key, TEST_EXPECT.keys) or f"allowed: {', '.join(TEST_EXPECT.keys)}",
                )
                ok = False
            elif key in fields:
                self.error(
                    codes.DUPLICATE_KEY, f"'{key}' is given twice", self.at(number, line, where, len(key)), "keep one"
                )
                ok = False
            elif not raw:
                self.error(codes.WRONG_TYPE, f"'{key}' has no value", self.at(number, line, where, len(key)))
                ok = False
            elif key == "polarity":
                if raw.lower() not in POLARITIES:
                    self.error(
                        codes.BAD_POLARITY,
                        f"expected polarity must be support, oppose or neutral, not '{raw}'",
                        value_at,
                        did_you_mean(raw, POLARITIES) or "write support, oppose or neutral",
                    )
                    ok = False
                else:
                    fields[key] = raw.lower()
            elif key == "kind":
                if raw.lower() not in KINDS:
                    self.error(
                        codes.BAD_KIND,
                        f"expected kind must be one of {', '.join(KINDS)}, not '{raw}'",
                        value_at,
                        did_you_mean(raw, KINDS) or f"write one of {', '.join(KINDS)}",
                    )
                    ok = False
                else:
                    fields[key] = raw.lower()
            elif key in FLAGS:
                if raw.lower() not in (*_TRUE, *_FALSE):
                    self.error(codes.WRONG_TYPE, f"'{key}' must be true or false, not '{raw}'", value_at)
                    ok = False
                else:
                    fields[key] = raw.lower() in _TRUE
            else:
                fields[key] = raw
                if key == "rule":
                    fields["rule_location"] = value_at
        return ExpectedFinding(**fields) if ok else None


def _fields(value: str) -> list[tuple[int, str]]:
    """`value` split at semicolons outside double quotes: (offset, part) pairs."""
    parts: list[tuple[int, str]] = []
    start, quoted = 0, False
    for i, ch in enumerate(value):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            parts.append((start, value[start:i]))
            start = i + 1
    parts.append((start, value[start:]))
    return parts


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    return text
