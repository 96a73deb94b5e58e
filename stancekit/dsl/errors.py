"""Diagnostics: every problem in a rule set, located to the character, with a hint.

A diagnostic renders as a grep- and editor-friendly first line followed by the source line
and a caret under the exact character::

    rules/en/broken.yaml:12:34: error[pattern-syntax]: unexpected ')' in pattern
       12 |     pattern: "{actor:ACTOR} support)"
          |                                    ^
      hint: no group is open here; remove ')' or open one with '('
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

#: Columns between tab stops when a source line with tabs is shown.
TAB_WIDTH = 4
#: How a tab is drawn in a shown source line (then padded with spaces to the next tab stop).
TAB_MARK = "\u2192"


@dataclass(frozen=True)
class Location:
    """A position in a rule file: 1-based line and column, plus the text of that line."""

    file: str
    line: int
    col: int
    line_text: str = ""
    length: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a rule set."""

    severity: str
    code: str
    message: str
    location: Location | None = None
    hint: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def render(self) -> str:
        where = f"{self.location}: " if self.location else ""
        lines = [f"{where}{self.severity}[{self.code}]: {self.message}"]
        loc = self.location
        if loc and loc.line_text:
            number = str(loc.line)
            gutter = " " * len(number)
            text = loc.line_text.rstrip("\r\n")
            shown = show_line(text)
            pad = len(show_line(text[: loc.col - 1]))
            width = len(show_line(text[: loc.col - 1 + max(1, loc.length)])) - pad
            lines.append(f"   {number} | {shown}")
            lines.append(f"   {gutter} | {' ' * pad}{'^' * max(1, width)}")
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        return "\n".join(lines)


class RuleError(Exception):
    """Raised when a rule set cannot be loaded; carries every diagnostic, not just the first."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = tuple(diagnostics)
        super().__init__(self.render())

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)

    def render(self) -> str:
        body = "\n\n".join(d.render() for d in self.diagnostics)
        return f"{body}\n\n{summary(self.diagnostics)}"


def plural(n: int, word: str) -> str:
    """A count with its word: "1 error", "3 errors"."""
    return f"{n} {word}{'s' if n != 1 else ''}"


class CountsDiagnostics:
    """Errors and warnings counted from a report's `diagnostics`, for the reports of
    `stancekit check` (the full check's and that of files refused at their first reading)."""

    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> int:
        return sum(1 for d in self.diagnostics if d.is_error)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors


def check_summary(errors: int, warnings: int, files: int, rules: int) -> str:
    """The last line of `stancekit check`: `2 errors, 3 warnings in 5 files (48 rules)`."""
    return (
        f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')} ({plural(rules, 'rule')})"
    )


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """'3 errors in rules', or '3 errors, 1 warning in rules' when warnings are shown too."""
    diagnostics = tuple(diagnostics)
    errors = sum(1 for d in diagnostics if d.is_error)
    warnings = len(diagnostics) - errors
    counts = plural(errors, "error") + (f", {plural(warnings, 'warning')}" if warnings else "")
    return f"{counts} in rules"


def show_line(text: str) -> str:
    """A source line as shown under a message: every tab drawn as an arrow up to the next tab stop,
    so a tab is visible and the caret below still lines up."""
    shown: list[str] = []
    column = 0
    for ch in text:
        if ch == "\t":
            width = TAB_WIDTH - column % TAB_WIDTH
            shown.append(TAB_MARK + " " * (width - 1))
            column += width
        else:
            shown.append(ch)
            column += 1
    return "".join(shown)


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A ' did you mean X?' suggestion for a misspelt name, or None."""
    import difflib

    options = sorted(set(candidates))
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in options}
        close = [lowered[word.lower()]] if word.lower() in lowered else []
    return f"did you mean '{close[0]}'?" if close else None


def diagnostic_order(d: Diagnostic) -> tuple:
    """The order diagnostics are listed in: errors first, then by file, line and column."""
    loc = d.location
    return (not d.is_error, loc.file if loc else "", loc.line if loc else 0, loc.col if loc else 0)
