"""CSV cells that a spreadsheet cannot run.

Findings quote the documents they come from, and a scraped page can hold `=HYPERLINK(...)` or
`@SUM(...)`: opened in a spreadsheet, a cell that starts with `=`, `+`, `-` or `@` (or a tab or
carriage return, which some read past) is a formula. Every CSV stancekit writes therefore
starts such a text cell with `'`, which spreadsheets show as text and do not display; numbers
are left alone. `--csv-raw` writes the cells as they are, for programs that read the CSV.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """`value`, with `'` in front when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvWriter:
    """`csv.writer` with one row per line, neutralising formula cells unless `raw`."""

    def __init__(self, stream: TextIO, raw: bool = False):
        self._writer = csv.writer(stream, lineterminator="\n")
        self.raw = raw

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow(row if self.raw else [neutralised(value) for value in row])
