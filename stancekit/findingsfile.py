"""Findings files: the JSONL that `stancekit scan --format jsonl` writes, read back.

`diff`, `track`, `report` and `export` all start from such a file; each reports a line that
is not a finding with the file and line number, never with a traceback.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from stancekit.findings import Finding


class FindingsInputError(ValueError):
    """A findings file that cannot be read; names the file and the line."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        super().__init__(f"{path}:{line}: {message}" if line is not None else f"{path}: {message}")


def iter_findings(path: str | Path, stream: TextIO | None = None) -> Iterator[Finding]:
    """The findings of a JSONL file written by `stancekit scan --format jsonl` (`-` or
    `stream` reads an open text stream; `path` then only names it), or of a folder of part
    files written by `scan --engine dask -o FOLDER` (in corpus order). Blank lines are skipped.

    Raises `FindingsInputError` with the file and line for anything that is not a finding."""
    if stream is None and Path(path).is_dir():
        yield from _iter_parts(Path(path))
        return
    name = str(path)
    if stream is None and name == "-":
        stream, name = sys.stdin, "<stdin>"
    if stream is None:
        try:
            handle = open(path, encoding="utf-8-sig")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise FindingsInputError(name, None, f"cannot read: {exc.strerror or exc}") from None
    else:
        handle = stream
    strings: dict[str, str] = {}  # the strings findings repeat, one object each
    try:
        number = 0
        while True:
            try:
                line = handle.readline()
            except UnicodeDecodeError as exc:
                raise FindingsInputError(name, number + 1, f"not UTF-8 text ({exc.reason})") from None
            if not line:
                break
            number += 1
            if line.strip():
                yield _finding(name, number, line, strings)
    finally:
        if handle is not stream:
            handle.close()


def _iter_parts(folder: Path) -> Iterator[Finding]:
    from stancekit.cluster.parts import part_files

    try:
        parts = part_files(folder)
    except (OSError, ValueError, KeyError) as exc:
        raise FindingsInputError(str(folder / "manifest.json"), None, f"not a manifest of part files: {exc}") from None
    if not parts:
        raise FindingsInputError(str(folder), None, "no part files (part-*.jsonl) and no manifest.json in this folder")
    for part in parts:
        yield from iter_findings(part)


def read_findings(path: str | Path, stream: TextIO | None = None) -> list[Finding]:
    return list(iter_findings(path, stream))


#: The fields a finding record must have to be compared.
REQUIRED = ("id", "doc", "sentence", "actor", "topic", "polarity", "rule")


def _finding(name: str, number: int, line: str, strings: dict[str, str]) -> Finding:
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise FindingsInputError(name, number, f"malformed JSON: {exc.msg} (column {exc.colno})") from None
    if isinstance(value, list):
        raise FindingsInputError(
            name, number, "a JSON array; findings are read as JSONL, one object a line (stancekit scan --format jsonl)"
        )
    if not isinstance(value, dict):
        raise FindingsInputError(name, number, f"a finding must be a JSON object, not {type(value).__name__}")
    missing = [key for key in REQUIRED if key not in value]
    if missing:
        fields = ", ".join(repr(key) for key in missing)
        raise FindingsInputError(name, number, f"not a finding: no {fields} field{'s' if len(missing) > 1 else ''}")
    for key in ("sentence", "actor", "topic", "rule", "cue", "speaker"):
        part = value.get(key)
        if part is not None and not isinstance(part, dict):
            raise FindingsInputError(name, number, f"not a finding: '{key}' must be an object")
    try:
        return Finding.from_dict(value, strings)
    except KeyError as exc:
        raise FindingsInputError(name, number, f"not a finding: no {exc.args[0]!r} field") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise FindingsInputError(name, number, f"not a finding: {exc}") from None
