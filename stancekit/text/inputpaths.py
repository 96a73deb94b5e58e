"""Which paths of a corpus are documents, and why each of the others is not.

A scraped or copied corpus holds more than regular files: named pipes (opening one for
reading waits for a writer that never comes), sockets, device files (`/dev/zero` never ends),
symbolic links that loop or point nowhere, and file names that are not UTF-8 (a document id
that cannot be written to JSON). Each is found from its directory entry and `stat`, never by
opening it, and reported once by path; only regular files are read.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

#: (path as shown, why it is skipped) for each path that is not read.
Report = Callable[[str, str], None]


def shown(path: str | Path) -> str:
    """`path` as text that can always be printed: bytes of a name that are not UTF-8 as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def name_problem(path: str | Path) -> str | None:
    """Why the name of `path` cannot name a document, or None."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8: skipped (rename it to scan it)"
    return None


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a document without opening it, or None for a regular file
    (or a link to one). A folder is not a file: the caller walks it."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop: skipped"
        if path.is_symlink():
            return f"broken symbolic link (to {shown(os.readlink(path))}): skipped"
        return f"cannot read: {exc.strerror or exc}"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO): skipped, never opened"
    if stat.S_ISSOCK(mode):
        return "socket: skipped, never opened"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device file: skipped, never opened"
    return "not a regular file: skipped, never opened"


def regular_files(folder: Path, report: Report) -> list[Path]:
    """The regular files under `folder` (recursively, in sorted order), leaving out hidden
    files and folders (a name starting with '.'); every other entry is reported once.

    A symbolic link to a file is read as the file. A symbolic link to a folder is not followed
    (it may lead anywhere, or back up the tree): it is reported, as a loop when it leads back
    to a folder it is in."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            report(shown(current), f"cannot read folder: {exc.strerror or exc}")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            problem = name_problem(path)
            if problem is None and entry.is_symlink():
                problem = _link_problem(path, folder)
            elif problem is None and entry.is_dir(follow_symlinks=False):
                pending.append(path)
                continue
            if problem is None:
                problem = file_problem(path)
            if problem is None:
                found.append(path)
            else:
                report(shown(path), problem)
    return sorted(found)


def _link_problem(link: Path, top: Path) -> str | None:
    """Why the symbolic link `link` is not read: it loops, points nowhere, or to a folder."""
    problem = file_problem(link)
    if problem is not None or not link.is_dir():
        return problem
    target = link.resolve()
    if any(target == folder.resolve() for folder in (link.parent, *link.parent.parents)):
        return f"symbolic link loop (back to {shown(target)}): not followed"
    return f"symbolic link to a folder (not followed): name {shown(link)} itself to scan it"
