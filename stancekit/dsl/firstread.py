"""Rule files refused at their first reading, found before the rule language is loaded.

Loading the rule language (the pattern parser, the taggers and their word models, the
compiler) takes most of a second before a rule file is looked at. A file that cannot even be
read as data (over the size limit, YAML aliases past their limit as in the "billion laughs",
lists nested past theirs, not valid YAML) needs none of it to be refused, and a CI job that
checks a hostile rule file from a pull request should get its answer at once. When every path
`stancekit check` is given is such a file, with nothing else a full check would read beside
it, `refused_at_first_reading` gives what the full check would report; otherwise None, and
the full check runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stancekit.dsl.errors import CountsDiagnostics, Diagnostic, check_summary, diagnostic_order
from stancekit.dsl.importpaths import RULE_FILE_SUFFIXES, TEST_FILE_MARKERS, display_path
from stancekit.dsl.yamlsource import read_rule_file


@dataclass(frozen=True)
class FirstReading(CountsDiagnostics):
    """The problems of rule files refused at their first reading: the full check's report of
    them (`stancekit.testing.lint.CheckReport`), which holds no rule."""

    diagnostics: tuple[Diagnostic, ...]
    files: int

    def summary(self) -> str:
        return check_summary(self.errors, self.warnings, self.files, 0)


def refused_at_first_reading(paths: Sequence[str]) -> FirstReading | None:
    """The report of `paths` when each is a plain rule file refused at its first reading;
    None when any is not (the full check is then needed for all of them)."""
    files = [Path(p) for p in paths]
    if not files or not all(_alone(f) for f in files) or len({f.resolve() for f in files}) < len(files):
        return None
    found: list[Diagnostic] = []
    parsed = 0  # the full check counts the files it read, not those too large or unreadable
    for path in files:
        read = read_rule_file(path, display_path(path))
        if not read.refused:
            return None
        found.extend(read.diagnostics)
        parsed += read.source is not None
    return FirstReading(tuple(sorted(found, key=diagnostic_order)), parsed)


def _alone(path: Path) -> bool:
    """Whether `path` is a rule file that a full check reads alone: a file (not a folder, a
    test file or a bundled or pack name) with no test file `NAME.test.*` beside it."""
    if path.suffix not in RULE_FILE_SUFFIXES or _is_test_file(path.name) or not path.is_file():
        return False
    stem = path.name.rsplit(".", 1)[0]
    try:
        return not any(p.name.split(".")[0] == stem and _is_test_file(p.name) for p in path.parent.iterdir())
    except OSError:
        return False


def _is_test_file(name: str) -> bool:
    return any(marker in name for marker in TEST_FILE_MARKERS)
