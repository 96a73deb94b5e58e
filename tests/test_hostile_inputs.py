"""A corpus holding more than regular files: each path that cannot be read as a document is
reported once by path and skipped, without ever being opened, and the rest is scanned."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from stancekit.exitcodes import ExitCode
from stancekit.text.documents import InputProblem, iter_documents

ROOT = Path(__file__).resolve().parent.parent
GOOD = "The union backs the new wage law. The mayor opposes the harbour tunnel.\n"

needs_posix = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def _read(*paths: Path) -> tuple[list[str], list[InputProblem]]:
    problems: list[InputProblem] = []
    ids = [d.id for d in iter_documents(paths, on_problem=problems.append)]
    return ids, problems


def _by_path(problems: list[InputProblem]) -> dict[str, str]:
    found: dict[str, str] = {}
    for problem in problems:
        assert problem.where not in found, f"{problem.where} reported twice"
        found[problem.where] = problem.message
    return found


@needs_posix
def test_scan_over_a_fifo_a_link_loop_and_a_binary_file_reports_each_once_and_scans_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "b.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(corpus / "pipe.txt")  # opened for reading, it would wait for a writer forever
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4\x00\x01binary")
    out = tmp_path / "findings.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "stancekit", "scan", str(corpus), "-o", str(out), "--jobs", "1", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == ExitCode.INPUT_ERROR, result.stderr
    for name, why in [("pipe.txt", "named pipe (FIFO)"), ("loop.txt", "symbolic link loop"), ("scan.pdf", "binary")]:
        lines = [line for line in result.stderr.splitlines() if f"{corpus / name}:" in line]
        assert len(lines) == 1 and why in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert "; 3 skipped" in result.stderr.splitlines()[-1]
    findings = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {f["doc"] for f in findings} == {"a", "b"}


@needs_posix
def test_special_files_are_reported_and_never_opened(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    server = socket.socket(socket.AF_UNIX)
    with contextlib.suppress(OSError):  # a path too long for a socket: the folder is left without one
        server.bind(str(tmp_path / "sock"))
    (tmp_path / "zero").symlink_to("/dev/zero")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    ids, problems = _read(tmp_path)
    server.close()
    assert ids == ["good"]
    found = _by_path(problems)
    assert found.pop(str(tmp_path / "pipe")).startswith("named pipe (FIFO): skipped, never opened")
    assert found.pop(str(tmp_path / "zero")) == "device file: skipped, never opened"
    assert found.pop(str(tmp_path / "dangling")).startswith("broken symbolic link")
    if (tmp_path / "sock").exists():
        assert found.pop(str(tmp_path / "sock")) == "socket: skipped, never opened"
    assert found == {}
    assert all(p.skipped and p.fatal for p in problems)


@needs_posix
def test_a_named_pipe_given_by_name_is_reported_not_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    ids, problems = _read(tmp_path / "pipe")
    assert ids == []
    assert [str(p) for p in problems] == [f"{tmp_path / 'pipe'}: named pipe (FIFO): skipped, never opened"]


def test_links_to_folders_are_not_followed_and_loops_are_named(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "inner").mkdir(parents=True)
    (corpus / "inner" / "a.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "inner" / "up").symlink_to(corpus)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text(GOOD, encoding="utf-8")
    (corpus / "side").symlink_to(tmp_path / "elsewhere")
    ids, problems = _read(corpus)
    assert ids == ["inner/a"]
    found = _by_path(problems)
    assert found[str(corpus / "inner" / "up")].startswith("symbolic link loop (back to ")
    assert found[str(corpus / "side")].startswith("symbolic link to a folder (not followed)")
    assert len(found) == 2


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS refuses file names that are not UTF-8")
def test_a_file_name_that_is_not_utf8_is_reported_printably(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = os.fsdecode(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"))
    Path(bad).write_text(GOOD, encoding="utf-8")
    ids, problems = _read(tmp_path)
    assert ids == ["good"]
    assert [(p.where, p.message) for p in problems] == [
        (f"{tmp_path}/caf\\xe9.txt", "file name is not valid UTF-8: skipped (rename it to scan it)")
    ]
    result = subprocess.run(
        [sys.executable, "-m", "stancekit", "scan", str(tmp_path), "--format", "jsonl", "--jobs", "1"],
        cwd=ROOT,
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == ExitCode.INPUT_ERROR
    assert b"caf\\xe9.txt: file name is not valid UTF-8" in result.stderr
    assert b"Traceback" not in result.stderr


def test_an_unreadable_file_is_reported_and_the_rest_scanned(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root reads any file: refuse it as the system would
        read_bytes = Path.read_bytes

        def refusing(self: Path) -> bytes:
            if self == locked:
                raise PermissionError(13, "Permission denied", str(self))
            return read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", refusing)
    try:
        ids, problems = _read(tmp_path)
    finally:
        locked.chmod(0o600)
    assert ids == ["good"]
    assert [(p.where, p.fatal) for p in problems] == [(str(locked), True)]
