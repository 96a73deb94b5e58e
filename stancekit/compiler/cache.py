"""Compiled rule sets cached on disk, keyed by the content they were compiled from.

A CI job re-runs the same rules on every push, and a pack of thousands of rules takes
seconds to parse and compile. The cache key is a hash of the rule and dictionary files named
on the command line (path, the name messages and findings show it by, and bytes), of the
stancekit code that compiles them and of the names plugins have registered; an entry also
records every file the rule set read, imports included, and is used only while each of
them still has the content it was compiled from.
Changing one character of any rule file therefore compiles afresh.

Entries keep each rule pickled on its own and unpickle it the first time a scan needs it:
a warm start of a 10,000-rule set reads one file and builds nothing. A damaged or
unreadable entry is never an error, only a cache miss; an unwritable cache folder costs
the speed-up and nothing else.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from stancekit.cachedir import default_cache_dir, read_pickle, write_pickle
from stancekit.compiler.program import LexiconTable
from stancekit.compiler.ruleset import CompiledRule, CompiledRuleSet
from stancekit.dsl.errors import Diagnostic
from stancekit.dsl.yamlsource import SourceFile
from stancekit.gcpause import collector_paused

if TYPE_CHECKING:
    from stancekit.dsl.loader import RuleSet

#: Bump when the layout of an entry changes.
CACHE_FORMAT = 8
#: Entries kept per cache folder; older ones are removed when a new one is written.
KEEP_ENTRIES = 32
#: Code whose change changes what a rule compiles to.
_COMPILING_CODE = ("compiler", "dsl", "registry.py", "text/tokens.py")


class LazyRules(Sequence[CompiledRule]):
    """Compiled rules kept pickled, each unpickled the first time it is used.

    A scan runs the rules its trigger words name, so most rules of a large set are never
    needed by a given corpus, and a warm start should not pay for them.

    The word sets and lexicon tables rules share (a lexicon a macro expands into every rule
    that names it, the first-token filters built from it) and the rule files their names
    were read from (a phrase type's name knows its place in its file, and so holds the
    file's text) are pickled once, in a pool each rule's pickle refers to, and unpickled
    once, with the first rule: unpickled rule by rule, every rule held a copy of each, and
    the bundled pack took 90 MB unpickled."""

    def __init__(self, blobs: Sequence[bytes], rules: Sequence[CompiledRule] | None = None, pool: bytes = b""):
        self._blobs = tuple(blobs)
        self._rules: list[CompiledRule | None] = list(rules) if rules is not None else [None] * len(self._blobs)
        self._pool_blob = pool
        self._pool: list[Shared] | None = None

    @classmethod
    def of(cls, rules: Sequence[CompiledRule]) -> LazyRules:
        """Rules just compiled: kept as they are here, pickled one by one (with their shared
        word sets, tables and files pooled) for elsewhere."""
        pool, blobs = _pickled_with_pool(rules)
        return cls(blobs, rules, pool)

    def __len__(self) -> int:
        return len(self._blobs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        rule = self._rules[index]
        if rule is None:
            rule = self._rules[index] = _unpickled(self._blobs[index], self._shared())
        return rule

    def __iter__(self) -> Iterator[CompiledRule]:
        return (self[i] for i in range(len(self)))

    def __reduce__(self):
        return (LazyRules, (self._blobs, None, self._pool_blob))

    def _shared(self) -> list[Shared]:
        if self._pool is None:
            self._pool = pickle.loads(self._pool_blob) if self._pool_blob else []
        return self._pool


#: What rules share through the pool: word sets, lexicon tables and rule files.
Shared = frozenset | LexiconTable | SourceFile


def _pickled_with_pool(rules: Sequence[CompiledRule]) -> tuple[bytes, list[bytes]]:
    """The pool of the word sets of more than one word, the lexicon tables and the rule files
    that `rules` hold, pickled, and each rule pickled on its own with a reference into the pool
    for each of them: equal sets are one entry, however many rules or instructions hold a
    copy, and a table or a file is one entry for every rule that holds it (the compiler builds
    each table once, and the reader reads each file once)."""
    pool: list[Shared] = []
    numbers: dict[object, int] = {}

    def reference(obj: object) -> int | None:
        if type(obj) is frozenset and len(obj) > 1:  # a set of one word costs less than a reference
            key: object = obj
        elif type(obj) is LexiconTable or type(obj) is SourceFile:
            key = id(obj)  # alive while the rules are pickled; rules share tables and files by identity
        else:
            return None
        number = numbers.get(key)
        if number is None:
            number = numbers[key] = len(pool)
            pool.append(obj)
        return number

    blobs = []
    for rule in rules:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.persistent_id = reference
        pickler.dump(rule)
        blobs.append(buffer.getvalue())
    return pickle.dumps(pool, protocol=pickle.HIGHEST_PROTOCOL), blobs


def _unpickled(blob: bytes, pool: list[Shared]) -> CompiledRule:
    unpickler = pickle.Unpickler(io.BytesIO(blob))
    unpickler.persistent_load = pool.__getitem__
    return unpickler.load()


@dataclass(frozen=True)
class CompiledRules:
    """A compiled rule set with the warnings its loading gave, and whether it came from the cache."""

    compiled: CompiledRuleSet
    warnings: tuple[Diagnostic, ...]
    from_cache: bool = False


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _code_fingerprint() -> str:
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for name in _COMPILING_CODE:
        path = package / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            with contextlib.suppress(OSError):
                digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    from stancekit.resources import grammar_path

    digest.update(grammar_path().read_bytes())
    return digest.hexdigest()


def cache_key(paths: Sequence[str | Path] | None, dictionaries: Sequence[str | Path] = ()) -> str:
    """The key of the rule set these arguments load: it changes when any named file does, and
    with the name each file is shown by (relative to the working directory where it can be),
    which the compiled rules carry into findings and phrase types."""
    from stancekit import __version__, registry
    from stancekit.dsl.importpaths import display_path
    from stancekit.dsl.loader import target_files
    from stancekit.resources import bundled_rules_dir

    digest = hashlib.sha256(f"stancekit-cache/{CACHE_FORMAT}/{__version__}/{sys.version_info[:2]}".encode())
    digest.update(_code_fingerprint().encode())
    digest.update(repr((sorted(registry.token_class_names()), sorted(registry.capture_type_names()))).encode())
    for group, targets in (("rules", list(paths or []) or [bundled_rules_dir()]), ("dictionaries", dictionaries)):
        digest.update(f"\0{group}".encode())
        for target in targets:
            digest.update(f"\0target\0{target}".encode())
            for file in target_files(target):
                try:
                    data = file.read_bytes()
                except OSError:
                    data = b"\0unreadable"
                digest.update(f"\0{file.resolve()}\0{display_path(file)}\0".encode() + _sha(data).encode())
    return digest.hexdigest()


def _source_hashes(ruleset) -> dict[str, str]:
    """Every loaded file, and the bundled language files every profile starts from."""
    from stancekit.dsl.language import bundled_language_files

    sources = {
        str(p.resolve()): _sha(p.read_text(encoding="utf-8-sig").encode("utf-8")) for p in bundled_language_files()
    }
    sources.update({f.key: _sha(f.content.encode("utf-8")) for f in ruleset.files})
    return sources


def _still_current(sources: dict[str, str]) -> bool:
    for path, expected in sources.items():
        try:
            text = Path(path).read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return False
        if _sha(text.encode("utf-8")) != expected:
            return False
    return True


def _read_entry(path: Path) -> CompiledRules | None:
    entry = read_pickle(path)
    try:
        if entry.get("format") != CACHE_FORMAT or not _still_current(entry["sources"]):
            return None
        return CompiledRules(entry["compiled"], tuple(entry["warnings"]), from_cache=True)
    except Exception:  # not an entry of ours
        return None


def _write_entry(folder: Path, key: str, compiled: CompiledRuleSet, warnings, sources: dict[str, str]) -> None:
    entry = {"format": CACHE_FORMAT, "sources": sources, "warnings": tuple(warnings), "compiled": compiled}
    if write_pickle(folder / f"{key}.pickle", entry):
        _prune(folder)


def _prune(folder: Path) -> None:
    def age(path: Path) -> float:
        try:
            return -path.stat().st_mtime
        except OSError:  # removed meanwhile by another run
            return 0.0

    entries = sorted((p for p in folder.glob("*.pickle") if len(p.stem) == 64), key=age)
    for old in entries[KEEP_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()


def compile_rules(
    paths: Sequence[str | Path] | None = None,
    dictionaries: Sequence[str | Path] = (),
    *,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    loaded: RuleSet | None = None,
) -> CompiledRules:
    """Load and compile rules (as `load_rules(...).compile()`), through the on-disk cache.

    `loaded` is the rule set those arguments load, when the caller has loaded it already (to
    read its rules' examples): a cache miss compiles it instead of reading and checking the
    files again. Raises `RuleError` for a broken rule set, exactly as loading it does: a
    broken set is never cached."""
    folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    key = cache_key(paths, dictionaries) if use_cache else ""
    if use_cache:
        found = _read_entry(folder / f"{key}.pickle")
        if found is not None:
            with contextlib.suppress(OSError):
                os.utime(folder / f"{key}.pickle")
            return found
    # one pause of the cycle collector for the whole of it: resumed between loading and
    # compiling, it walked everything loading had made, to find nothing to free; and what
    # was loaded is dropped (when the caller did not load it) before it resumes
    with collector_paused():
        return _compiled_afresh(paths, dictionaries, loaded, folder if use_cache else None, key)


def _compiled_afresh(
    paths: Sequence[str | Path] | None,
    dictionaries: Sequence[str | Path],
    loaded: RuleSet | None,
    folder: Path | None,
    key: str,
) -> CompiledRules:
    """`compile_rules` on a cache miss; the entry is written when there is a `folder`."""
    from stancekit.dsl.loader import load_rules

    ruleset = loaded if loaded is not None else load_rules(list(paths) if paths else None, list(dictionaries))
    compiled = ruleset.compile()
    compiled = replace(compiled, rules=LazyRules.of(compiled.rules))
    if folder is not None:
        _write_entry(folder, key, compiled, ruleset.diagnostics, _source_hashes(ruleset))
    return CompiledRules(compiled, tuple(ruleset.diagnostics))
