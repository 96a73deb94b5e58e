"""Where a rule file's `imports` may point: inside its own rules folder, or into a pack.

Rule files arrive in pull requests and `stancekit check` runs on them in CI, so an import must
not read files the rule author has no business naming (`../../../../etc/passwd`, `/etc/passwd`,
a symbolic link out of the folder). Each rule file belongs to a *rules folder*: the folder given
on the command line, the folder of a file given there, the bundled pack for `stancekit:...`
and the pack's folder for `pack:NAME/...`. An import is read only if, with every symbolic link
followed, it lies inside that folder; otherwise the loader reports where it leads instead.

`display_path` is how a rule file is named in every message about it.
"""

from __future__ import annotations

import os.path
from dataclasses import dataclass
from pathlib import Path

from stancekit.resources import bundled_rules_dir

#: What a rule file's name ends with.
RULE_FILE_SUFFIXES = (".yaml", ".yml")
#: Files beside the rules that hold rule tests, not rules.
TEST_FILE_MARKERS = (".test.", ".tests.")


@dataclass(frozen=True)
class Outside:
    """Why an import cannot be read: a message for the rule author and a hint."""

    message: str
    hint: str


def resolved(path: Path) -> Path | None:
    """`path` with every symbolic link followed, or None for a link that loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return None


def outside(item: str, target: Path, root: Path, root_shown: str) -> Outside | None:
    """Why the import written `item`, naming `target`, leaves the rules folder `root` (shown as
    `root_shown`); None when it stays inside."""
    alternatives = "or name a bundled file ('stancekit:en/common.yaml') or a pack's ('pack:NAME/FILE.yaml')"
    if Path(item).is_absolute():
        return Outside(
            f"import '{item}' is an absolute path",
            "an import is relative to the folder of the file that imports it and stays inside"
            f" {root_shown}/; {alternatives}",
        )
    real, real_root = resolved(target), resolved(root)
    if real is None:
        return Outside(f"import '{item}' is a symbolic link that loops", "point the link at a file, or import the file")
    if real_root is not None and real.is_relative_to(real_root):
        return None
    if _normal(target).is_relative_to(_normal(root)):
        return Outside(
            f"import '{item}' is a symbolic link to a file outside the rules folder {root_shown}",
            f"imports are read only inside {root_shown}/; copy the file in, {alternatives}",
        )
    return Outside(
        f"import '{item}' leads outside the rules folder {root_shown}",
        f"imports are read only inside {root_shown}/ (give a wider folder to --rules to take more in), {alternatives}",
    )


def _normal(path: Path) -> Path:
    """`path` made absolute with `..` taken away by name, without following links."""
    return Path(os.path.normpath(os.path.abspath(path)))


def display_path(path: Path) -> str:
    """How a rule file is named in messages and findings: `rules/en/x.yaml` for the bundled
    pack, a path relative to the working directory where possible, else absolute."""
    path = path.resolve()
    bundled_root = bundled_rules_dir().parent
    try:
        return "rules/" + path.relative_to(bundled_root).as_posix()
    except ValueError:
        pass
    try:
        return Path(os.path.relpath(path)).as_posix() if not os.path.relpath(path).startswith("..") else str(path)
    except ValueError:
        return str(path)
