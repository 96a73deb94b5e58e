"""Rule files -> `RuleSet`: YAML with line numbers, imports, lexicons, macros and rules.

Loading never stops at the first problem: every file is read, every pattern parsed, and all
diagnostics are collected before `RuleError` is raised, so one run of `stancekit check` shows
a rule author everything that is wrong.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stancekit import plugins, rule_limits
from stancekit.dsl import codes, importpaths
from stancekit.dsl.dictionary_files import DictionaryReader, merged_actors, merged_topics
from stancekit.dsl.errors import Diagnostic, Location, RuleError, diagnostic_order, did_you_mean
from stancekit.dsl.expect import EXAMPLE_EXPECT, read_expect
from stancekit.dsl.importpaths import RULE_FILE_SUFFIXES, TEST_FILE_MARKERS, display_path
from stancekit.dsl.language import (
    apply,
    bundled_profile,
    bundled_sources,
    check_include,
    entry_sources,
    include_entries,
    ordered_settings,
    read_language,
)
from stancekit.dsl.model import (
    POLARITIES,
    ActorEntry,
    Example,
    Lexicon,
    Macro,
    PhraseExample,
    PhraseType,
    Rule,
    RuleFile,
    TopicEntry,
)
from stancekit.dsl.option_settings import read_options
from stancekit.dsl.parser import PatternSyntaxError, parse_pattern
from stancekit.dsl.yamlsource import LocatedDict, LocatedList, LocatedStr, SourceFile, read_rule_file
from stancekit.findings import DEFAULT_KIND, KINDS
from stancekit.gcpause import collector_paused
from stancekit.packs import PREFIX as PACK_PREFIX
from stancekit.packs import PackError, pack_target
from stancekit.resources import bundled_rules_dir

if TYPE_CHECKING:
    from stancekit.compiler.ruleset import CompiledRuleSet
    from stancekit.engine.profile import LanguageProfile

FORMAT_VERSION = 1
BUNDLED_PREFIX = "stancekit:"

TOP_LEVEL_KEYS = (
    "stancekit",
    "description",
    "plugins",
    "tagger",
    "imports",
    "lexicons",
    "macros",
    "phrases",
    "rules",
    "actors",
    "topics",
    "titles",
    "language",
    "options",
)
RULE_KEYS = (
    "id",
    "pattern",
    "polarity",
    "kind",
    "description",
    "examples",
    "counter_examples",
    "priority",
    "tags",
    "options",
    "unless",
)
EXAMPLE_KEYS = ("text", "expect", "todo")
LEXICON_KEYS = ("entries", "include", "inflect", "description")
PHRASE_KEYS = ("pattern", "head", "description", "examples")
PHRASE_EXAMPLE_KEYS = ("text", "expect")
PHRASE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
RULE_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
NAME_RE = re.compile(r"^[A-Za-z_][\w.\-]*$")


@dataclass(frozen=True)
class RuleSet:
    """Every rule file loaded for one run, in load order, with the warnings found on the way."""

    files: tuple[RuleFile, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    _by_key: Mapping[str, RuleFile] = field(default_factory=dict, repr=False, compare=False)
    #: (kind, file key) -> the names visible from that file; the files never change, so a
    #: rule set with thousands of rules in one file builds each table once.
    _visible: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for f in self.files for rule in f.rules)

    def file(self, key: str) -> RuleFile:
        return self._by_key[key]

    def scope(self, key: str) -> list[RuleFile]:
        """The file `key` and every file it imports, directly or not: what its names may refer to."""
        seen: dict[str, RuleFile] = {}
        stack = [key]
        while stack:
            current = stack.pop()
            if current in seen or current not in self._by_key:
                continue
            seen[current] = self._by_key[current]
            stack.extend(reversed(self._by_key[current].imports))
        return list(seen.values())

    def lexicons_for(self, key: str) -> Mapping[str, Lexicon]:
        """The lexicons a rule of file `key` may name: its own first, then its imports'."""
        return self._names_visible("lexicons", key)

    def macros_for(self, key: str) -> Mapping[str, Macro]:
        return self._names_visible("macros", key)

    def phrases_for(self, key: str) -> Mapping[str, PhraseType]:
        """The phrase types a pattern of file `key` may name: its own first, then its imports'."""
        return self._names_visible("phrases", key)

    def _names_visible(self, kind: str, key: str) -> Mapping:
        found = self._visible.get((kind, key))
        if found is None:
            found = {}
            for f in self.scope(key):
                for name, value in getattr(f, kind).items():
                    found.setdefault(name, value)
            self._visible[(kind, key)] = found
        return found

    @property
    def tagger(self) -> str | None:
        """The tagger the rule files name (None: the bundled one); `validate` checks they agree."""
        return next((f.tagger for f in self.files if f.tagger), None)

    @property
    def profile(self) -> LanguageProfile:
        """The language profile: the bundled English one with every file's `language:` applied."""
        found = self._visible.get(("profile",))
        if found is None:
            found = self._visible[("profile",)] = apply(bundled_profile(), ordered_settings(self.files))
        return found

    @property
    def profile_sources(self) -> dict[tuple[str, str], str]:
        """Where each entry of `profile` is written: (slot, entry) -> "file:line"."""
        found = self._visible.get(("profile sources",))
        if found is None:
            found = self._visible[("profile sources",)] = entry_sources(ordered_settings(self.files), bundled_sources())
        return found

    @property
    def actors(self) -> tuple[ActorEntry, ...]:
        """Every actor of every loaded dictionary, in load order, with an entry that extends or
        overrides an earlier one of its id (a bundled one) folded into it."""
        return merged_actors(actor for f in self.files for actor in f.actors)

    @property
    def topics(self) -> tuple[TopicEntry, ...]:
        """Every topic of every loaded dictionary, merged as `actors` are."""
        return merged_topics(topic for f in self.files for topic in f.topics)

    @property
    def titles(self) -> tuple[str, ...]:
        """Extra title words from the dictionaries ("spokesman" in "NSC spokesman John Kirby")."""
        return tuple(title for f in self.files for title in f.titles)

    @property
    def content_hash(self) -> str:
        """sha256 over every file's name and content: the identity of this rule set."""
        digest = hashlib.sha256(f"stancekit-rules/{FORMAT_VERSION}".encode())
        for f in sorted(self.files, key=lambda f: f.display):
            digest.update(f"\0{f.display}\0".encode())
            digest.update(f.content.encode("utf-8"))
        return digest.hexdigest()

    def compile(self) -> CompiledRuleSet:
        """Compile into one matcher program set with a trigger index."""
        from stancekit.compiler.ruleset import compile_ruleset

        return compile_ruleset(self)


def load_rules(paths: Iterable[str | Path] | None = None, dictionaries: Iterable[str | Path] = ()) -> RuleSet:
    """Load rule files or folders (the bundled English pack when `paths` is empty), and extra
    actor or topic dictionaries (`--actors`, `--topics`).

    Raises `RuleError` carrying every error found; warnings stay on `RuleSet.diagnostics`.
    """
    ruleset, diagnostics = check_rules(paths, dictionaries)
    if any(d.is_error for d in diagnostics):
        raise RuleError(sorted(diagnostics, key=diagnostic_order))
    return ruleset


def check_rules(
    paths: Iterable[str | Path] | None = None, dictionaries: Iterable[str | Path] = ()
) -> tuple[RuleSet, list[Diagnostic]]:
    """Load and validate, returning the rule set and every diagnostic instead of raising."""
    from stancekit.dsl.validate import validate

    plugins.load_plugins()  # once per process; the command line has loaded them already, or not at all
    loader = _Loader()
    targets = list(paths or []) or [bundled_rules_dir()]
    with collector_paused():
        for target in [*targets, *dictionaries]:
            loader.add_target(target)
        loader.resolve_imports()
        loader.include_language_lists()
        ruleset = RuleSet(tuple(loader.files.values()), (), dict(loader.files))
        loaded_with_errors = any(d.is_error for d in loader.diagnostics)
        diagnostics = loader.diagnostics + validate(ruleset, loaded_with_errors=loaded_with_errors)
    warnings = tuple(d for d in diagnostics if not d.is_error)
    ruleset = RuleSet(ruleset.files, warnings, dict(loader.files))
    return ruleset, diagnostics


def discover(folder: Path) -> list[Path]:
    """Rule files in a folder, recursively, in a stable order; test files are left out."""
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder).parts
        if (
            path.is_file()
            and path.suffix in RULE_FILE_SUFFIXES
            and not any(part.startswith(".") for part in relative)
            and not any(marker in path.name for marker in TEST_FILE_MARKERS)
        ):
            found.append(path)
    return sorted(found)


def target_path(target: str | Path) -> Path:
    """The file or folder a rules argument names: 'stancekit:en' is the bundled pack, and
    'pack:NAME[/file]' an installed rule pack (raises `PackError` for one not installed)."""
    text = str(target)
    if text.startswith(BUNDLED_PREFIX):
        return bundled_rules_dir().parent / text[len(BUNDLED_PREFIX) :]
    if text.startswith(PACK_PREFIX):
        return pack_target(text)
    return Path(text)


def _pack_root(text: str) -> Path | None:
    """The folder of the pack a `stancekit:...` or `pack:NAME/...` name points into, else None."""
    if text.startswith(BUNDLED_PREFIX):
        return bundled_rules_dir().parent
    if text.startswith(PACK_PREFIX):
        return pack_target(PACK_PREFIX + text[len(PACK_PREFIX) :].partition("/")[0])
    return None


def target_files(target: str | Path) -> list[Path]:
    """The rule files a rules argument names (before imports): a folder's rule files, a file
    itself, or nothing when it does not exist."""
    try:
        path = target_path(target)
    except PackError:
        return []
    if path.is_dir():
        return discover(path)
    return [path] if path.is_file() else []


class _Loader:
    def __init__(self) -> None:
        self.files: dict[str, RuleFile] = {}
        self.diagnostics: list[Diagnostic] = []
        self._pending_imports: dict[str, list[tuple[Path, Path]]] = {}
        #: The rules folder of each file: what its imports may name (see `importpaths`).
        self._roots: dict[str, Path] = {}
        self._import_locations: dict[tuple[str, str], Location] = {}

    def report(self, code: codes.Code, message: str, location: Location | None, hint: str | None = None) -> None:
        """Records a problem; whether it is an error or a warning is the catalogue's to say."""
        self.diagnostics.append(code.diagnostic(message, location, hint))

    def add_target(self, target: str | Path) -> None:
        try:
            path = target_path(target)
        except PackError as exc:
            self.report(codes.MISSING_RULES, str(exc), None, "stancekit rules --packs lists the installed packs")
            return
        root = _pack_root(str(target)) or (path if path.is_dir() else path.parent)
        if path.is_dir():
            files = discover(path)
            if not files:
                self.report(codes.NO_RULE_FILES, f"no rule files (*.yaml) in folder '{target}'", None)
            for file in files:
                self.add_file(file, root)
        elif path.is_file():
            self.add_file(path, root)
        else:
            self.report(codes.MISSING_RULES, f"rule file or folder '{target}' does not exist", None)

    def add_file(self, path: Path, root: Path) -> str:
        key = str(path.resolve())
        if key in self.files or key in self._pending_imports:
            return key
        self._roots[key] = root
        read = read_rule_file(path, display_path(path))
        self.diagnostics.extend(read.diagnostics)
        if read.source is None:
            return key
        self._pending_imports[key] = []
        data = read.data
        if data is None:
            data = LocatedDict()
            data.location = read.source.location(0)
            data.key_locations = {}
            data.value_locations = {}
        self.files[key] = self._read_file(key, path, read.source, data)
        return key

    def resolve_imports(self) -> None:
        """Load imported files (recursively) and report missing imports and import cycles."""
        while True:
            pending = [(k, imps) for k, imps in self._pending_imports.items() if imps]
            if not pending:
                break
            for key, imports in pending:
                self._pending_imports[key] = []
                for target, root in imports:
                    self.add_file(target, root)
        graph = {k: f.imports for k, f in self.files.items()}
        reported: set[frozenset[str]] = set()
        for start in graph:
            cycle = _find_cycle(graph, start)
            if cycle and frozenset(cycle) not in reported:
                reported.add(frozenset(cycle))
                names = " -> ".join(self.files[k].display for k in [*cycle, cycle[0]])
                closing = (cycle[-1], cycle[0])
                self.report(
                    codes.IMPORT_CYCLE,
                    f"import cycle: {names}",
                    self._import_locations.get(closing),
                )

    def include_language_lists(self) -> None:
        """Expand every lexicon's `include: [language.<slot>]` with the merged profile's entries."""
        if not any(lexicon.includes for f in self.files.values() for lexicon in f.lexicons.values()):
            return
        profile = RuleSet(tuple(self.files.values()), (), dict(self.files)).profile
        for key, rule_file in self.files.items():
            lexicons = dict(rule_file.lexicons)
            for name, lexicon in lexicons.items():
                if lexicon.includes:
                    included = [e for slot in lexicon.includes for e in include_entries(profile, slot)]
                    entries = tuple(dict.fromkeys([*(" ".join(e.split()) for e in included), *lexicon.entries]))
                    lexicons[name] = replace(lexicon, entries=entries)
            self.files[key] = replace(rule_file, lexicons=lexicons)

    # -- one file -------------------------------------------------------------------------

    def _read_file(self, key: str, path: Path, source: SourceFile, data: Any) -> RuleFile:
        empty = RuleFile(key, path, source.display, (), {}, {}, (), source.text)
        if not isinstance(data, LocatedDict):
            # A lone string's `location` is a method, not where it is: only lists and mappings
            # carry a Location there.
            location = data.location if isinstance(data, LocatedList) else source.location(0)
            self.report(
                codes.NOT_A_MAPPING,
                "a rule file must be a mapping with keys such as 'lexicons', 'macros' and 'rules'",
                location,
                "start the file with 'stancekit: 1' and a 'rules:' list",
            )
            return empty
        self._check_keys(data, TOP_LEVEL_KEYS, "top-level key")
        version = data.get("stancekit", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            self.report(
                codes.FORMAT_VERSION,
                f"unsupported rule format version {version!r}",
                data.key_locations.get("stancekit"),
                f"this stancekit reads 'stancekit: {FORMAT_VERSION}'",
            )
        self._check_plugins(data)
        imports = self._read_imports(key, path, data)
        lexicons = self._read_lexicons(source.display, data)
        macros = self._read_macros(source.display, data)
        phrases = self._read_phrases(source.display, data)
        rules, rejected = self._read_rules(source.display, data)
        dictionary = DictionaryReader(self.diagnostics.append, source.display)
        actors, topics, titles = (
            dictionary.read_actors(data),
            dictionary.read_topics(data),
            dictionary.read_titles(data),
        )
        misplaced = {
            name: (section, data.key_locations[section])
            for section, value in data.items()
            if section not in TOP_LEVEL_KEYS and isinstance(value, LocatedDict)
            for name in value
        }
        return RuleFile(
            key,
            path,
            source.display,
            imports,
            lexicons,
            macros,
            rules,
            source.text,
            rejected,
            misplaced,
            actors,
            topics,
            titles,
            phrases,
            *self._read_tagger(data),
            read_language(data, self.report),
            read_options(data, self.report, "a rule file"),
        )

    def _check_plugins(self, data: LocatedDict) -> None:
        """`plugins: [name, ...]`: the plugins the file's patterns need, each of which must be
        installed and loaded; a missing one is reported where it is named."""
        items = self._expect_list(data, "plugins")
        if not items:
            return
        outcome = plugins.loaded_plugins()
        for name, location in zip(items, items.item_locations, strict=True):
            if not isinstance(name, str):
                self.report(codes.WRONG_TYPE, "a plugin is named by its entry point name, a string", location)
                continue
            info = outcome.get(name)
            if info is not None and info.status == "loaded":
                continue
            installed = ", ".join(sorted(outcome)) or "none"
            if info is None:
                message = f"this file needs plugin '{name}', which is not installed"
                hint = f"install the package that provides it (installed plugins: {installed})"
            elif info.status == "disabled":
                message = f"this file needs plugin '{name}', and plugins are disabled"
                hint = "run without --no-plugins (and without STANCEKIT_NO_PLUGINS)"
            else:
                message = f"this file needs plugin '{name}' (package {info.package}), which failed to load"
                hint = f"{info.error}; stancekit plugins shows what is installed"
            self.report(codes.MISSING_PLUGIN, message, location, hint)

    def _check_keys(self, mapping: LocatedDict, allowed: Sequence[str], what: str) -> None:
        for k in mapping:
            if k not in allowed:
                suggestion = did_you_mean(k, allowed)
                self.report(
                    codes.UNKNOWN_KEY,
                    f"unknown {what} '{k}'",
                    mapping.key_locations.get(k),
                    suggestion or f"allowed: {', '.join(allowed)}",
                )

    def _expect_list(self, data: LocatedDict, key: str) -> LocatedList | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, LocatedList):
            self.report(
                codes.WRONG_TYPE,
                f"'{key}' must be a list",
                data.key_locations.get(key),
                f"write '{key}:' then '- ...' items",
            )
            return None
        return value

    def _read_imports(self, key: str, path: Path, data: LocatedDict) -> tuple[str, ...]:
        items = self._expect_list(data, "imports")
        if not items:
            return ()
        resolved: list[str] = []
        for item, location in zip(items, items.item_locations, strict=True):
            if not isinstance(item, str):
                self.report(codes.WRONG_TYPE, "an import must be a file path", location)
                continue
            if item.startswith((BUNDLED_PREFIX, PACK_PREFIX)):
                try:
                    target = target_path(item)
                    root = _pack_root(item) or target.parent
                except PackError as exc:
                    hint = "stancekit rules --packs lists the installed packs"
                    self.report(codes.MISSING_IMPORT, str(exc), location, hint)
                    continue
            else:
                target = path.parent / item
                root = self._roots[key]
            leaves = importpaths.outside(item, target, root, display_path(root))
            if leaves is not None:
                self.report(codes.IMPORT_OUTSIDE, leaves.message, location, leaves.hint)
                continue
            if not target.is_file():
                near = None
                if target.parent.is_dir():
                    near = did_you_mean(target.name, [p.name for p in target.parent.iterdir()])
                hint = near or (
                    f"looked for {display_path(target)} (an import is relative to the folder of the file"
                    " that imports it)"
                    if not item.startswith(BUNDLED_PREFIX)
                    else f"looked for {display_path(target)} among the bundled rules"
                )
                self.report(codes.MISSING_IMPORT, f"imported file '{item}' does not exist", location, hint)
                continue
            target_key = str(target.resolve())
            resolved.append(target_key)
            self._import_locations[(key, target_key)] = location
            self._pending_imports.setdefault(key, []).append((target, root))
        return tuple(resolved)

    def _read_lexicons(self, display: str, data: LocatedDict) -> dict[str, Lexicon]:
        section = data.get("lexicons")
        if section is None:
            return {}
        if not isinstance(section, LocatedDict):
            self.report(
                codes.WRONG_TYPE,
                "'lexicons' must be a mapping of names to word lists",
                data.key_locations.get("lexicons"),
            )
            return {}
        lexicons: dict[str, Lexicon] = {}
        for name, value in section.items():
            location = section.key_locations[name]
            if not NAME_RE.match(name):
                self.report(codes.BAD_NAME, f"'{name}' is not a valid lexicon name", location)
                continue
            inflect = True
            entries_value = value
            includes: tuple[str, ...] = ()
            if isinstance(value, LocatedDict):
                self._check_keys(value, LEXICON_KEYS, "lexicon key")
                includes = self._read_includes(name, value)
                entries_value = value.get("entries")
                if entries_value is None and includes:
                    entries_value = LocatedList()
                    entries_value.item_locations = []
                inflect = value.get("inflect", True)
                if not isinstance(inflect, bool):
                    self.report(codes.WRONG_TYPE, "'inflect' must be true or false", value.key_locations.get("inflect"))
                    inflect = True
            if not isinstance(entries_value, LocatedList):
                self.report(
                    codes.WRONG_TYPE,
                    f"lexicon '{name}' must be a list of words or phrases",
                    location,
                    'write the entries as a YAML list: [support, back, "stand behind"]',
                )
                continue
            if len(entries_value) > rule_limits.MAX_LEXICON_ENTRIES:
                self.report(
                    codes.LEXICON_TOO_LARGE,
                    f"lexicon '{name}' has {len(entries_value):,} entries, over the limit of"
                    f" {rule_limits.MAX_LEXICON_ENTRIES:,}",
                    location,
                    f"split it into lexicons of at most {rule_limits.MAX_LEXICON_ENTRIES:,} entries and name them"
                    " together in the pattern: (@first_part | @second_part)",
                )
                lexicons[name] = Lexicon(name, (), inflect, location, display)  # defined, so not undefined too
                continue
            entries: dict[str, None] = {}
            for entry, entry_location in zip(entries_value, entries_value.item_locations, strict=True):
                if not isinstance(entry, str) or not entry.strip():
                    self.report(codes.BAD_ENTRY, f"lexicon '{name}' has an empty or non-text entry", entry_location)
                    continue
                normalised = " ".join(entry.split())
                if normalised in entries:  # a dict keeps the order and finds an entry at once
                    self.report(
                        codes.DUPLICATE_ENTRY, f"'{normalised}' appears twice in lexicon '{name}'", entry_location
                    )
                    continue
                entries[normalised] = None
            lexicons[name] = Lexicon(name, tuple(entries), inflect, location, display, includes)
        return lexicons

    def _read_includes(self, name: str, value: LocatedDict) -> tuple[str, ...]:
        """The language slots a lexicon includes (`include: [language.negations]`)."""
        items = self._expect_list(value, "include")
        if not items:
            return ()
        slots: list[str] = []
        for item, location in zip(items, items.item_locations, strict=True):
            if not isinstance(item, str):
                self.report(
                    codes.WRONG_TYPE, f"lexicon '{name}' includes a language slot by name: language.<slot>", location
                )
                continue
            slot = check_include(item, location, self.report)
            if slot is not None:
                slots.append(slot)
        return tuple(slots)

    def _parse(self, pattern: LocatedStr) -> Any:
        try:
            return parse_pattern(pattern, pattern.style)
        except PatternSyntaxError as exc:
            self.report(codes.PATTERN_SYNTAX, exc.message, pattern.location(exc.offset, exc.length), exc.hint)
            return None

    def _read_macros(self, display: str, data: LocatedDict) -> dict[str, Macro]:
        section = data.get("macros")
        if section is None:
            return {}
        if not isinstance(section, LocatedDict):
            self.report(
                codes.WRONG_TYPE, "'macros' must be a mapping of names to patterns", data.key_locations.get("macros")
            )
            return {}
        macros: dict[str, Macro] = {}
        for name, value in section.items():
            location = section.key_locations[name]
            if not NAME_RE.match(name):
                self.report(codes.BAD_NAME, f"'{name}' is not a valid macro name", location)
                continue
            if not isinstance(value, LocatedStr):
                self.report(codes.WRONG_TYPE, f"macro '{name}' must be a pattern string", location)
                continue
            macros[name] = Macro(name, value, self._parse(value), location, display)
        return macros

    def _read_tagger(self, data: LocatedDict) -> tuple[str | None, Location | None]:
        """The tagger named under `tagger:` (checked against the known taggers in `validate`)."""
        if "tagger" not in data:
            return None, None
        value, location = data.get("tagger"), data.value_locations.get("tagger")
        if not isinstance(value, str) or not value.strip():
            self.report(codes.WRONG_TYPE, "'tagger' must be the name of a part-of-speech tagger", location)
            return None, None
        return value.strip(), location

    def _read_phrases(self, display: str, data: LocatedDict) -> dict[str, PhraseType]:
        """The phrase types of a file: name -> pattern, head test, description and examples."""
        section = data.get("phrases")
        if section is None:
            return {}
        if not isinstance(section, LocatedDict):
            self.report(
                codes.WRONG_TYPE,
                "'phrases' must be a mapping of phrase type names to definitions",
                data.key_locations.get("phrases"),
                "write 'phrases:', then 'NP:' with 'pattern: ...' below it",
            )
            return {}
        phrases: dict[str, PhraseType] = {}
        for name, value in section.items():
            location = section.key_locations[name]
            if not PHRASE_NAME_RE.match(name):
                self.report(codes.BAD_NAME, f"'{name}' is not a valid phrase type name", location)
                continue
            if isinstance(value, LocatedStr):
                pattern, definition = value, None
            elif isinstance(value, LocatedDict):
                self._check_keys(value, PHRASE_KEYS, "phrase key")
                pattern, definition = value.get("pattern"), value
            else:
                pattern, definition = None, None
            if not isinstance(pattern, LocatedStr):
                self.report(
                    codes.WRONG_TYPE,
                    f"phrase type '{name}' needs a pattern",
                    location,
                    "write a pattern string, or a mapping with 'pattern:' (and 'head:', 'examples:')",
                )
                continue
            head = definition.get("head") if definition is not None else None
            if head is not None and not isinstance(head, LocatedStr):
                self.report(codes.WRONG_TYPE, "'head' must be a pattern of one token", definition.key_locations["head"])
                head = None
            description = definition.get("description", "") if definition is not None else ""
            examples = self._read_phrase_examples(definition) if definition is not None else ()
            phrases[name] = PhraseType(
                name,
                pattern,
                self._parse(pattern),
                location,
                display,
                head,
                self._parse(head) if head is not None else None,
                str(description or ""),
                examples,
            )
        return phrases

    def _read_phrase_examples(self, definition: LocatedDict) -> tuple[PhraseExample, ...]:
        examples: list[PhraseExample] = []
        for entry, location in self._items(definition, "examples"):
            if not isinstance(entry, LocatedDict):
                self.report(
                    codes.WRONG_TYPE,
                    "a phrase example must be a mapping with 'text' and 'expect'",
                    location,
                    "write '- text: ...' and 'expect: [the phrases it holds]' (expect: [] for none)",
                )
                continue
            self._check_keys(entry, PHRASE_EXAMPLE_KEYS, "phrase example key")
            text, expect = entry.get("text"), entry.get("expect")
            if not isinstance(text, str) or not text.strip():
                self.report(codes.MISSING_KEY, "phrase example has no 'text'", location, "add 'text: ...'")
                continue
            if expect is None and "expect" not in entry:
                self.report(
                    codes.EXAMPLE_WITHOUT_EXPECT, "phrase example has no 'expect'", location, "list its phrases"
                )
                continue
            if expect is not None and (not isinstance(expect, list) or not all(isinstance(e, str) for e in expect)):
                self.report(
                    codes.WRONG_TYPE,
                    "'expect' of a phrase example must be a list of phrase texts",
                    entry.key_locations["expect"],
                    "write expect: [the new plan, the senator] (expect: [] for none)",
                )
                continue
            examples.append(PhraseExample(str(text), tuple(str(e) for e in expect or ()), location))
        return tuple(examples)

    def _read_rules(self, display: str, data: LocatedDict) -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
        """The rules of a file, and the rules left out for a mistake whose pattern still parsed."""
        items = self._expect_list(data, "rules")
        if not items:
            return (), ()
        rules: list[Rule] = []
        rejected: list[Rule] = []
        for number, (item, location) in enumerate(zip(items, items.item_locations, strict=True), 1):
            if not isinstance(item, LocatedDict):
                self.report(codes.WRONG_TYPE, "a rule must be a mapping with 'id', 'pattern' and 'polarity'", location)
                continue
            rule, ok = self._read_rule(display, item, location, number)
            if rule is not None:
                (rules if ok else rejected).append(rule)
        return tuple(rules), tuple(rejected)

    def _read_rule(self, display: str, item: LocatedDict, location: Location, number: int) -> tuple[Rule | None, bool]:
        """The rule, and whether it loaded without a mistake (else it is only kept for checking)."""
        self._check_keys(item, RULE_KEYS, "rule key")
        ok = True
        rule_id = item.get("id")
        id_location = item.value_locations.get("id")
        valid_id = isinstance(rule_id, str) and RULE_ID_RE.match(rule_id) is not None
        if rule_id is not None:
            name = f"rule {_quoted(rule_id)}"
            where = id_location
        else:
            name = f"rule {number} of this file"
            first_key = next(iter(item), None)
            where = item.key_locations.get(first_key, location) if first_key else location
        for required in ("id", "pattern", "polarity"):
            if required not in item:
                self.report(
                    codes.MISSING_KEY,
                    f"{name} has no '{required}'",
                    where,
                    {
                        "id": "give every rule a unique id such as en.verb.support",
                        "pattern": 'add a pattern such as "{actor:ACTOR} support {topic:TOPIC}"',
                        "polarity": "add 'polarity: support', 'oppose' or 'neutral'",
                    }[required],
                )
                ok = False
        if "id" in item and not valid_id:
            message, hint = _rule_id_problem(rule_id, item.value_locations["id"])
            self.report(codes.BAD_RULE_ID, message, id_location, hint)
            ok = False
        polarity = item.get("polarity")
        if "polarity" in item and polarity not in POLARITIES:
            self._bad_polarity(item, "polarity")
            ok = False
        kind = item.get("kind", DEFAULT_KIND)
        if kind not in KINDS:
            self._bad_kind(item)
            ok = False
        pattern = item.get("pattern")
        tree = None
        if "pattern" in item:
            if pattern is None:
                self.report(
                    codes.PATTERN_SYNTAX,
                    "pattern is empty",
                    item.value_locations["pattern"],
                    'write a pattern such as "{actor:ACTOR} support {topic:TOPIC}"',
                )
                ok = False
            elif not isinstance(pattern, LocatedStr):
                self.report(codes.WRONG_TYPE, "'pattern' must be a string", item.key_locations["pattern"])
                ok = False
            else:
                tree = self._parse(pattern)
                ok = ok and tree is not None
        unless = item.get("unless")
        unless_tree = None
        if "unless" in item:
            if not isinstance(unless, LocatedStr) or not unless.strip():
                self.report(
                    codes.WRONG_TYPE,
                    "'unless' must be a pattern",
                    item.value_locations.get("unless") or item.key_locations["unless"],
                    'write the words that read the cue in another sense, such as "agree {deal:NP & @deal_nouns}"',
                )
                ok = False
                unless = None
            else:
                unless_tree = self._parse(unless)
                ok = ok and unless_tree is not None
        priority = item.get("priority", 0)
        if not isinstance(priority, int) or isinstance(priority, bool):
            self.report(codes.WRONG_TYPE, "'priority' must be a whole number", item.key_locations.get("priority"))
            ok = False
            priority = 0
        tags = item.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            self.report(codes.WRONG_TYPE, "'tags' must be a list of words", item.key_locations.get("tags"))
            tags = []
        description = item.get("description", "")
        examples = self._read_examples(item)
        options = read_options(item, self.report, f"rule {_quoted(rule_id)}" if rule_id is not None else "a rule")
        if tree is None:
            return None, False
        rule = Rule(
            id=str(rule_id) if valid_id else "",
            pattern=pattern,
            tree=tree,
            polarity=str(polarity),
            file=display,
            line=location.line,
            location=item.key_locations.get("pattern", location),
            description=str(description or ""),
            examples=examples,
            priority=priority,
            tags=tuple(tags),
            id_location=id_location,
            options=options,
            kind=str(kind),
            unless=unless if unless_tree is not None else None,
            unless_tree=unless_tree,
        )
        return rule, ok

    def _bad_kind(self, item: LocatedDict) -> None:
        value = item.get("kind")
        written_at = item.value_locations["kind"]
        location = written_at if value is not None else _key_through_value(item, "kind")
        written = _written(value, written_at) if value is not None else ""
        choices = ", ".join(KINDS)
        hint = did_you_mean(written, KINDS) if isinstance(value, str) else None
        self.report(
            codes.BAD_KIND,
            f"kind must be one of {choices}, not '{written}'" if written else "kind is empty",
            location,
            hint or f"write one of {choices} (or leave 'kind' out for a statement)",
        )

    def _bad_polarity(self, mapping: LocatedDict, key: str, what: str = "polarity") -> None:
        value = mapping.get(key)
        written_at = mapping.value_locations[key]
        location = written_at if value is not None else _key_through_value(mapping, key)
        if value is None:
            self.report(codes.BAD_POLARITY, f"{what} is empty", location, "write support, oppose or neutral")
            return
        written = _written(value, written_at)
        hint = did_you_mean(written, POLARITIES) or "write support, oppose or neutral"
        if isinstance(value, bool):
            hint = (
                f"YAML reads an unquoted {written} as true or false; write support, oppose or neutral"
                f" (or quote the word to keep it as text: '{written}')"
            )
        elif not isinstance(value, str):
            hint = "write support, oppose or neutral"
        self.report(codes.BAD_POLARITY, f"{what} must be support, oppose or neutral, not '{written}'", location, hint)

    def _bad_expected_polarity(self, expected: LocatedDict) -> None:
        self._bad_polarity(expected, "polarity", "expected polarity")

    def _read_examples(self, item: LocatedDict) -> tuple[Example, ...]:
        examples: list[Example] = []
        for entry, location in self._items(item, "examples"):
            if isinstance(entry, str):
                self.report(
                    codes.EXAMPLE_WITHOUT_EXPECT,
                    "an example needs 'text' and 'expect'",
                    location,
                    "write '- text: ...' and 'expect: [...]' (expect: [] for a sentence the rule must not match)",
                )
                continue
            if not isinstance(entry, LocatedDict):
                self.report(codes.WRONG_TYPE, "an example must be a mapping with 'text' and 'expect'", location)
                continue
            self._check_keys(entry, EXAMPLE_KEYS, "example key")
            text = entry.get("text")
            if not isinstance(text, str) or not text.strip():
                self.report(codes.MISSING_KEY, "example has no 'text'", location, "add 'text: ...'")
                continue
            if "expect" not in entry:
                self.report(
                    codes.EXAMPLE_WITHOUT_EXPECT,
                    "example has no 'expect'",
                    location,
                    "list the findings it should give; 'expect: []' for a sentence the rule must not match",
                )
                continue
            expect = read_expect(entry, EXAMPLE_EXPECT, self.report, self._bad_expected_polarity)
            if expect is None:
                continue
            todo = entry.get("todo")
            examples.append(Example(str(text), expect, location, counter=not expect, todo=str(todo) if todo else None))
        for entry, location in self._items(item, "counter_examples"):
            text = entry.get("text") if isinstance(entry, LocatedDict) else entry
            if not isinstance(text, str) or not text.strip():
                self.report(codes.WRONG_TYPE, "a counter-example must be a text (or a mapping with 'text')", location)
                continue
            todo = entry.get("todo") if isinstance(entry, LocatedDict) else None
            if isinstance(entry, LocatedDict):
                self._check_keys(entry, ("text", "todo"), "counter-example key")
            examples.append(Example(str(text), (), location, counter=True, todo=str(todo) if todo else None))
        return tuple(examples)

    def _items(self, item: LocatedDict, key: str):
        values = self._expect_list(item, key)
        if not values:
            return []
        return list(zip(values, values.item_locations, strict=True))


def _key_through_value(mapping: LocatedDict, key: str) -> Location:
    """Where `key: value` is written, underlined from the key to the end of its value.

    The line and column are the key's (what editors and scripts jump to), and the carets run
    on under the value, which is what is wrong.
    """
    key_at, value_at = mapping.key_locations[key], mapping.value_locations[key]
    if value_at.line != key_at.line or value_at.col < key_at.col:
        return key_at
    return replace(key_at, length=value_at.col - key_at.col + value_at.length)


def _written(value: Any, location: Location | None) -> str:
    """A value as the rule file spells it (`yes`, not True), for messages."""
    if isinstance(value, str) or location is None:
        return str(value)
    text = location.line_text[location.col - 1 : location.col - 1 + location.length]
    return text.strip() or str(value)


def _quoted(value: Any) -> str:
    return f"'{value}'"


def _rule_id_problem(rule_id: Any, location: Location) -> tuple[str, str]:
    """What is wrong with an invalid rule id, in words, and a hint (with a corrected id if one is clear)."""
    allowed = "use letters, digits, '.', '_' and '-'"
    if rule_id is None:
        return "rule id is empty", f"{allowed}, e.g. en.verb.support"
    if not isinstance(rule_id, str):
        written = _written(rule_id, location)
        return f"rule id {written} is not text", f"{allowed}, e.g. en.verb.support"
    if not rule_id.strip():
        return "rule id is empty", f"{allowed}, e.g. en.verb.support"
    fixed = re.sub(r"[^A-Za-z0-9_.\-]+", ".", rule_id.strip()).strip(".-_")
    example = fixed if fixed and RULE_ID_RE.match(fixed) else "en.verb.support"
    if any(ch.isspace() for ch in rule_id):
        return f"rule id '{rule_id}' contains spaces", f"{allowed}, e.g. {example}"
    if not RULE_ID_RE.match(rule_id[0]):
        return f"rule id '{rule_id}' starts with '{rule_id[0]}'", f"start it with a letter or digit, e.g. {example}"
    bad = next(ch for ch in rule_id if not re.match(r"[A-Za-z0-9_.\-]", ch))
    return f"rule id '{rule_id}' contains '{bad}'", f"{allowed}, e.g. {example}"


def _find_cycle(graph: Mapping[str, Sequence[str]], start: str) -> list[str] | None:
    """A cycle of imports through `start`, as the list of files on it, or None."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return path
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None
