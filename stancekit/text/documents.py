"""Documents in: text files, folders, JSONL, CSV/TSV and standard input.

Readers stream: a JSONL or CSV corpus of any size is read one record at a time. A document
that cannot be read (binary, malformed JSON, no text field) is reported through the
`on_problem` callback and skipped; bytes that are not UTF-8 are reported and replaced. One
bad document never stops a scan.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from stancekit.text import inputpaths
from stancekit.text.dates import Metadata, date_in_name

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TABLE_SUFFIXES = {".csv": ",", ".tsv": "\t"}
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Document:
    """One text to scan. `id` names it in findings; `meta` keeps the record's other fields.
    `author` is who wrote or spoke it (testimony, a speech, an op-ed), from the field that
    `InputOptions.speaker_field` names: a first person outside quotes is that author, who
    speaks for `author_affiliation` (`InputOptions.affiliation_field`) when it is given."""

    id: str
    text: str
    date: str | None = None
    source: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    author: str | None = None
    author_affiliation: str | None = None


@dataclass(frozen=True)
class InputProblem:
    """Something wrong with the input. `skipped` says whether a document was lost to it."""

    where: str
    message: str
    skipped: bool = True
    fatal: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class InputOptions:
    """How records map onto documents: field (or column) names and the input format."""

    id_field: str = "id"
    text_field: str = "text"
    date_field: str = "date"
    input_format: str = "auto"  # auto | text | jsonl | csv | tsv
    #: A sidecar table of dates (and other fields) joined on the document id or file name.
    metadata: Metadata | None = None
    #: The record field (or metadata column) naming each document's author, if any.
    speaker_field: str | None = None
    #: The record field (or metadata column) naming the body the author speaks for, if any.
    affiliation_field: str | None = None


ProblemHandler = Callable[[InputProblem], None]


def _ignore(_: InputProblem) -> None:
    return None


def iter_documents(
    paths: Iterable[str | Path],
    options: InputOptions | None = None,
    on_problem: ProblemHandler = _ignore,
) -> Iterator[Document]:
    """Yield the documents behind `paths`: files, folders (recursive) or `-` for stdin.

    A document without a date field takes one from the metadata sidecar, else from a
    YYYY-MM-DD in its id or file name (see `text.dates`)."""
    options = options or InputOptions()
    for document in _documents(paths, options, on_problem):
        yield _prepared(document, options)


def _prepared(document: Document, options: InputOptions) -> Document:
    """A document as read, with its date and author filled in from the metadata."""
    return _authored(_dated(document, options.metadata), options)


def _authored(document: Document, options: InputOptions) -> Document:
    """The document with its author (and the body the author speaks for): its record's
    `speaker_field` (and `affiliation_field`), else those columns of the metadata sidecar.
    A blank value names no one."""
    if not options.speaker_field:
        return document
    author = _field_value(document, options.speaker_field, options.metadata)
    if not author:
        return document
    affiliation = _field_value(document, options.affiliation_field, options.metadata) or None
    return replace(document, author=author, author_affiliation=affiliation)


def _field_value(document: Document, field_name: str | None, metadata: Metadata | None) -> str:
    """A field of the document's record, else of its row in the metadata, on one line ("" when blank)."""
    if not field_name:
        return ""
    value = document.meta.get(field_name)
    if value in (None, "") and metadata is not None:
        row = metadata.lookup(document.id, document.source or "")
        value = row.get(field_name) if row is not None else None
    return " ".join(str(value).split()) if value not in (None, "") else ""


def _dated(document: Document, metadata: Metadata | None) -> Document:
    if document.date is not None:
        return document
    names = (document.id, document.source or "")
    row = metadata.lookup(*names) if metadata is not None else None
    if row is not None:
        extra = {k: v for k, v in row.items() if k != metadata.date_column and k not in document.meta}
        date = row.get(metadata.date_column) or None
        return replace(document, date=date or _date_in_names(names), meta={**document.meta, **extra})
    date = _date_in_names(names)
    return replace(document, date=date) if date else document


def _date_in_names(names: Iterable[str]) -> str | None:
    for name in names:
        found = date_in_name(Path(name).name) if name else None
        if found:
            return found
    return None


def _documents(paths: Iterable[str | Path], options: InputOptions, on_problem: ProblemHandler) -> Iterator[Document]:
    file_ids: dict[str, Path] = {}
    for raw in paths:
        if str(raw) == "-":
            yield from _read_stream(sys.stdin.buffer, "<stdin>", "stdin", options, on_problem)
            continue
        path = Path(raw)
        problem = inputpaths.name_problem(path) or inputpaths.file_problem(path)
        if problem is not None and (path.exists() or path.is_symlink()):
            on_problem(InputProblem(inputpaths.shown(path), problem, fatal=True))
        elif path.is_dir():
            for file in _walk(path, on_problem):
                doc_id = file.relative_to(path).with_suffix("").as_posix()
                yield from _read_file(file, doc_id, options, on_problem)
        elif path.is_file():
            if path.stem in file_ids and file_ids[path.stem] != path:
                on_problem(
                    InputProblem(
                        str(path),
                        f"document id '{path.stem}' is also the id of {file_ids[path.stem]}; "
                        "scan their folder instead to tell them apart",
                        skipped=False,
                    )
                )
            file_ids[path.stem] = path
            yield from _read_file(path, path.stem, options, on_problem)
        else:
            on_problem(InputProblem(str(path), "no such file or folder", fatal=True))


def _walk(folder: Path, on_problem: ProblemHandler) -> list[Path]:
    """The files of a folder to read, in order; each path that is not read is a problem that
    skips it (see `inputpaths`), fatal for the exit code like an unreadable file."""
    return inputpaths.regular_files(folder, lambda where, why: on_problem(InputProblem(where, why, fatal=True)))


def _format_of(path: Path, options: InputOptions) -> str:
    if options.input_format != "auto":
        return options.input_format
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in TABLE_SUFFIXES:
        return suffix[1:]
    return "text"


def is_record_file(path: Path, options: InputOptions | None = None) -> bool:
    """Whether `path` is read as records (JSONL, CSV or TSV) rather than as one text."""
    return _format_of(path, options or InputOptions()) != "text"


def _read_file(path: Path, doc_id: str, options: InputOptions, on_problem: ProblemHandler) -> Iterator[Document]:
    fmt = _format_of(path, options)
    try:
        if fmt == "text":
            data = path.read_bytes()
            doc = _text_document(data, doc_id, str(path), on_problem)
            del data  # the bytes are not kept while the document is scanned: they weigh as much as its text
            if doc is not None:
                yield doc
            return
        with path.open("rb") as stream:
            if fmt == "jsonl":
                yield from _read_jsonl(stream, str(path), path.stem, options, on_problem)
            else:
                yield from _read_table(stream, str(path), path.stem, fmt, options, on_problem)
    except OSError as exc:
        on_problem(InputProblem(str(path), f"cannot read: {exc.strerror or exc}", fatal=True))


def _read_stream(
    stream: BinaryIO, where: str, doc_id: str, options: InputOptions, on_problem: ProblemHandler
) -> Iterator[Document]:
    fmt = options.input_format
    buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
    if fmt == "auto":
        head = buffered.peek(4096)[:4096].lstrip(_BOM).lstrip()
        fmt = "jsonl" if head[:1] == b"{" else "text"
    if fmt == "jsonl":
        yield from _read_jsonl(buffered, where, doc_id, options, on_problem)
    elif fmt in ("csv", "tsv"):
        yield from _read_table(buffered, where, doc_id, fmt, options, on_problem)
    else:
        doc = _text_document(buffered.read(), doc_id, where, on_problem)
        if doc is not None:
            yield doc


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: a NUL byte early on, or a known binary signature."""
    return data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]


def decode(data: bytes, where: str, on_problem: ProblemHandler) -> str:
    """Decode UTF-8 (BOM or not); report and replace bytes that are not UTF-8."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        count = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
        on_problem(
            InputProblem(
                where,
                f"{count} byte sequence(s) that are not UTF-8 replaced with U+FFFD (first at byte {exc.start})",
                skipped=False,
            )
        )
        return text


def _text_document(data: bytes, doc_id: str, where: str, on_problem: ProblemHandler) -> Document | None:
    if looks_binary(data):
        on_problem(InputProblem(where, "binary file skipped"))
        return None
    return Document(id=doc_id, text=decode(data, where, on_problem), source=where)


def _record_document(
    record: Mapping[str, Any], fallback_id: str, where: str, options: InputOptions, on_problem: ProblemHandler
) -> Document | None:
    text = record.get(options.text_field)
    if not isinstance(text, str):
        if options.text_field not in record:
            fields = ", ".join(sorted(map(str, record))) or "none"
            message = f"no '{options.text_field}' field (fields: {fields}); use --text-field to name it"
        else:
            message = f"'{options.text_field}' is not a string"
        on_problem(InputProblem(where, message))
        return None
    raw_id = record.get(options.id_field)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    raw_date = record.get(options.date_field)
    date = str(raw_date) if raw_date not in (None, "") else None
    skip = {options.text_field, options.id_field, options.date_field}
    meta = {k: v for k, v in record.items() if k not in skip}
    return Document(id=doc_id, text=text, date=date, source=where, meta=meta)


def _read_jsonl(
    stream: BinaryIO, where: str, stem: str, options: InputOptions, on_problem: ProblemHandler, first_line: int = 1
) -> Iterator[Document]:
    for line_no, raw in enumerate(stream, first_line):
        if line_no == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
        if not raw.strip():
            continue
        location = f"{where}:{line_no}"
        if looks_binary(raw):
            on_problem(InputProblem(location, "binary data skipped"))
            continue
        line = decode(raw, location, on_problem)
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            on_problem(InputProblem(f"{location}:{exc.colno}", f"not valid JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            on_problem(InputProblem(location, "a JSONL line must hold an object"))
            continue
        doc = _record_document(record, f"{stem}:{line_no}", location, options, on_problem)
        if doc is not None:
            yield doc


def _read_table(
    stream: BinaryIO, where: str, stem: str, fmt: str, options: InputOptions, on_problem: ProblemHandler
) -> Iterator[Document]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    # surrogateescape, not replace: bytes that are not UTF-8 must be reported (see _undecodable).
    text_stream = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    reader = csv.DictReader(text_stream, delimiter="\t" if fmt == "tsv" else ",")
    try:
        header = list(reader.fieldnames or [])
        if any(_ESCAPED_BYTE_RE.search(name) for name in header):
            header = list(_undecodable(dict(enumerate(header)), f"{where}:1", on_problem).values())
            reader.fieldnames = header
        if options.text_field not in header:
            columns = ", ".join(header) or "none"
            on_problem(
                InputProblem(
                    where, f"no '{options.text_field}' column (columns: {columns}); use --text-field to name it"
                )
            )
            return
        for row_no, row in enumerate(reader, 2):
            row = _undecodable(row, f"{where}:{row_no}", on_problem)
            doc = _record_document(row, f"{stem}:{row_no}", f"{where}:{row_no}", options, on_problem)
            if doc is not None:
                yield doc
    except csv.Error as exc:
        on_problem(InputProblem(f"{where}:{reader.line_num}", f"malformed {fmt.upper()}: {exc}"))
    finally:
        text_stream.detach()


_ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")


def _undecodable(row: dict[Any, Any], where: str, on_problem: ProblemHandler) -> dict[Any, Any]:
    """Replace the bytes of a CSV/TSV row that are not UTF-8 with U+FFFD, and report them.

    The table reader decodes with errors="surrogateescape", which turns each such byte into
    a lone surrogate that valid UTF-8 never produces. It used to decode with
    errors="replace", which replaced them silently: text and JSONL input report them.
    """
    count = sum(len(_ESCAPED_BYTE_RE.findall(v)) for v in row.values() if isinstance(v, str))
    if not count:
        return row
    on_problem(InputProblem(where, f"{count} byte(s) that are not UTF-8 replaced with U+FFFD", skipped=False))
    return {k: _ESCAPED_BYTE_RE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}


# -- parts of a corpus, for scanning it on many machines ---------------------------------------


def read_files(
    files: Iterable[tuple[str, str]], options: InputOptions | None = None, on_problem: ProblemHandler = _ignore
) -> Iterator[Document]:
    """The documents of (path, document id) pairs, read as `iter_documents` reads a folder."""
    options = options or InputOptions()
    for path, doc_id in files:
        for document in _read_file(Path(path), doc_id, options, on_problem):
            yield _prepared(document, options)


def read_jsonl_range(
    path: str | Path,
    start: int,
    end: int,
    first_line: int,
    options: InputOptions | None = None,
    on_problem: ProblemHandler = _ignore,
) -> Iterator[Document]:
    """The documents of the lines of a JSONL file that start in bytes [start, end); `start`
    is the start of line `first_line`. Ids, line numbers in problems and dates are those the
    whole file gives."""
    options = options or InputOptions()
    path = Path(path)
    try:
        with path.open("rb") as stream:
            stream.seek(start)
            lines = _lines_until(stream, end)
            for document in _read_jsonl(lines, str(path), path.stem, options, on_problem, first_line):
                yield _prepared(document, options)
    except OSError as exc:
        on_problem(InputProblem(str(path), f"cannot read: {exc.strerror or exc}", fatal=True))


def _lines_until(stream: BinaryIO, end: int) -> Iterator[bytes]:
    while stream.tell() < end:
        line = stream.readline()
        if not line:
            return
        yield line
