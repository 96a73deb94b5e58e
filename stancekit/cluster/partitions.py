"""A corpus cut into partitions that workers read on their own.

A folder or a list of text, CSV and TSV files is cut into groups of whole files; a JSONL file
into byte ranges that start and end at line boundaries, each knowing the number of its first
line, so that document ids, dates and the line numbers in problem reports are those a scan
of the whole file gives. Partitions are plain data: they travel to workers by pickle, and a
worker reads its documents from the shared file system.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancekit.text.documents import (
    JSONL_SUFFIXES,
    Document,
    InputOptions,
    InputProblem,
    ProblemHandler,
    read_files,
    read_jsonl_range,
)
from stancekit.text.inputpaths import regular_files

_COUNT_CHUNK = 1 << 20


@dataclass(frozen=True)
class Partition:
    """Whole files (`files`: path and document id), or lines of one JSONL file (bytes
    [start, end) of `path`, the first of them line `first_line`)."""

    index: int
    files: tuple[tuple[str, str], ...] = ()
    path: str = ""
    start: int = 0
    end: int = 0
    first_line: int = 1

    def documents(self, options: InputOptions, on_problem: ProblemHandler) -> Iterator[Document]:
        if self.path:
            return read_jsonl_range(self.path, self.start, self.end, self.first_line, options, on_problem)
        return read_files(self.files, options, on_problem)

    def describe(self) -> str:
        if self.path:
            return f"{self.path} bytes {self.start}-{self.end} (from line {self.first_line})"
        return f"{len(self.files)} files from {self.files[0][0]}" if self.files else "no files"


def _is_jsonl(path: Path, options: InputOptions) -> bool:
    if options.input_format != "auto":
        return options.input_format == "jsonl"
    return path.suffix.lower() in JSONL_SUFFIXES


def _line_starts(path: Path, pieces: int) -> list[tuple[int, int]]:
    """(byte offset, line number) of about `pieces` line starts that cut the file evenly."""
    size = path.stat().st_size
    cuts = [(0, 1)]
    with path.open("rb") as stream:
        targets = [size * k // pieces for k in range(1, pieces)]
        line, position = 1, 0
        for target in targets:
            stream.seek(target)
            stream.readline()  # to the start of the next line
            offset = stream.tell()
            if offset >= size or offset <= cuts[-1][0]:
                continue
            stream.seek(position)
            while position < offset:  # count the lines between the last cut and this one
                chunk = stream.read(min(_COUNT_CHUNK, offset - position))
                if not chunk:
                    break
                line += chunk.count(b"\n")
                position += len(chunk)
            cuts.append((offset, line))
    return cuts


#: No partition is larger than this, however few partitions are asked for.
MAX_PARTITION_BYTES = 64 * 1024 * 1024


def plan(
    paths: Sequence[str], options: InputOptions, pieces: int, max_bytes: int = MAX_PARTITION_BYTES
) -> tuple[list[Partition], list[InputProblem]]:
    """About `pieces` partitions (more if one would exceed `max_bytes`) of the documents behind
    `paths`, in the order a scan reads them; the problems found while planning (a missing
    path, standard input)."""
    problems: list[InputProblem] = []
    order: list[tuple[str, object]] = []  # ("file", (path, id)) or ("jsonl", path), in reading order
    for raw in paths:
        path = Path(raw).absolute()  # workers may run in another folder
        if raw == "-":
            problems.append(InputProblem("<stdin>", "standard input cannot be shared with workers", fatal=True))
        elif path.is_dir():
            files = regular_files(path, lambda where, why: problems.append(InputProblem(where, why, fatal=True)))
            for file in files:
                order.append(("file", (file, file.relative_to(path).with_suffix("").as_posix())))
        elif path.is_file():
            order.append(("jsonl", path) if _is_jsonl(path, options) else ("file", (path, path.stem)))
        else:
            problems.append(InputProblem(str(path), "no such file or folder", fatal=True))
    total = sum(_size(item) for _, item in order) or 1
    target = max(1, min(total // max(1, pieces), max_bytes))
    partitions: list[Partition] = []
    group: list[tuple[str, str]] = []
    group_size = 0

    def flush() -> None:
        nonlocal group, group_size
        if group:
            partitions.append(Partition(len(partitions), files=tuple(group)))
            group, group_size = [], 0

    for kind, item in order:
        if kind == "jsonl":
            flush()
            path = item  # type: ignore[assignment]
            size = path.stat().st_size
            cuts = _line_starts(path, max(1, round(size / target)))
            ends = [offset for offset, _ in cuts[1:]] + [size]
            for (start, line), end in zip(cuts, ends, strict=True):
                partitions.append(Partition(len(partitions), path=str(path), start=start, end=end, first_line=line))
        else:
            file, doc_id = item  # type: ignore[misc]
            size = _size(item)
            if group and group_size + size > target:
                flush()  # files are not split: a group ends before the file that would overfill it
            group.append((str(file), doc_id))
            group_size += size
    flush()
    return partitions, problems


def _size(item) -> int:
    path = item if isinstance(item, Path) else item[0]
    try:
        return path.stat().st_size
    except OSError:
        return 0
