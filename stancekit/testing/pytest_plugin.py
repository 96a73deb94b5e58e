"""A pytest plugin: `pytest rules/` runs the examples written inside rule files.

Registered through the `pytest11` entry point, so it is active wherever stancekit is
installed. Each example and counter-example of each rule is one test item::

    rules/en/oppose_verbs.yaml::en.verb.oppose::example-2
    rules/en/oppose_verbs.yaml::en.verb.oppose::counter-example-1

`example-N` counts the examples that expect findings, `counter-example-N` those that expect
none, each from 1 in file order. An example marked `todo` is an expected failure (xfail).

What is collected, so that a project's own test run is left alone:

- only YAML files that are stancekit rule files (a top-level `rules:` key, and a top-level
  `stancekit:` key or rules with a `polarity`); other YAML files are ignored;
- only under the paths named on the command line (`pytest rules/`, `pytest rules/x.yaml`),
  or under the folders listed in the `stancekit_rules` ini option; never from `testpaths` or
  the folder pytest was started in when no path was named;
- not inside a folder of Python tests (a folder, under the path named, holding
  `conftest.py` or `test_*.py`), where rule files are test fixtures, unless the file itself
  is named.

All rule files of the folder named (the parent folder for a named file) are loaded together,
so imports resolve and overlap resolution is the same as in a scan; each rule set is loaded
and compiled once per session. `-p no:stancekit` turns the plugin off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from stancekit.compiler.ruleset import CompiledRuleSet
    from stancekit.dsl.errors import RuleError
    from stancekit.dsl.loader import RuleSet
    from stancekit.dsl.model import Example, ExpectedFinding, Rule
    from stancekit.findings import Finding

# stancekit itself is imported only when a rule file is collected: the plugin is loaded by
# every pytest run where stancekit is installed, and must cost those runs nothing.

INI_RULES = "stancekit_rules"
_TOP_KEY_RE = re.compile(r"^(stancekit|rules)[ \t]*:", re.MULTILINE)
_POLARITY_RE = re.compile(r"^[ \t-]*polarity[ \t]*:", re.MULTILINE)
_PYTHON_TEST_RE = re.compile(r"^(conftest\.py|test_.*\.py|.*_test\.py)$")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        INI_RULES,
        type="paths",
        default=[],
        help="stancekit: folders whose rule files are collected as tests even when not named on the command line",
    )


# --------------------------------------------------------------------------- which files


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return ""


def is_rule_file(path: Path) -> bool:
    """Whether a YAML file is a stancekit rule file: a top-level `rules:` and either a
    top-level `stancekit:` or rules with a `polarity` (other tools' `rules:` files have none)."""
    from stancekit.dsl.loader import RULE_FILE_SUFFIXES, TEST_FILE_MARKERS

    if path.suffix not in RULE_FILE_SUFFIXES or any(marker in path.name for marker in TEST_FILE_MARKERS):
        return False
    text = _read(path)
    keys = set(_TOP_KEY_RE.findall(text))
    return "rules" in keys and ("stancekit" in keys or _POLARITY_RE.search(text) is not None)


def _is_stancekit_file(path: Path) -> bool:
    """A rule file, or another stancekit file loaded with the rules (lexicons, dictionaries);
    not the test files kept beside rules (`*.test.yaml`)."""
    from stancekit.dsl.loader import TEST_FILE_MARKERS

    if any(marker in path.name for marker in TEST_FILE_MARKERS):
        return False
    return is_rule_file(path) or "stancekit" in _TOP_KEY_RE.findall(_read(path))


def _python_test_folder(folder: Path) -> bool:
    try:
        return any(_PYTHON_TEST_RE.match(p.name) for p in folder.iterdir() if p.is_file())
    except OSError:
        return False


def _fixture_folder(path: Path, root: Path) -> bool:
    """Whether `path` lies in a folder of Python tests, from `root` down."""
    folder = path.parent
    while True:
        if _python_test_folder(folder):
            return True
        if folder == root or root not in folder.parents:
            return False
        folder = folder.parent


def _named_paths(config: pytest.Config) -> list[Path]:
    if config.args_source != pytest.Config.ArgsSource.ARGS:
        return []
    base = config.invocation_params.dir
    return [(base / arg.split("::", 1)[0]).resolve() for arg in config.args]


def rule_root(config: pytest.Config, path: Path) -> Path | None:
    """The folder whose rule files are loaded with `path`, or None when `path` is not to be
    collected (see the module documentation)."""
    path = path.resolve()
    roots: list[Path] = []
    for named in _named_paths(config):
        if named == path:
            roots.append(path.parent)
        elif named.is_dir() and named in path.parents and not _fixture_folder(path, named):
            roots.append(named)
    for folder in config.getini(INI_RULES):
        folder = Path(folder).resolve()
        if folder in path.parents:
            roots.append(folder)
    if not roots:
        return None
    return min(roots, key=lambda p: len(p.parts))


def rule_files_under(root: Path) -> list[Path]:
    """The stancekit files of a folder that are loaded together (not in hidden folders, not in
    folders of Python tests)."""
    from stancekit.dsl.loader import RULE_FILE_SUFFIXES

    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).parts
        if (
            path.suffix in RULE_FILE_SUFFIXES
            and path.is_file()
            and not any(part.startswith(".") for part in relative)
            and not _fixture_folder(path, root)
            and _is_stancekit_file(path)
        ):
            found.append(path)
    return found


# --------------------------------------------------------------------------- rule sets, once


@dataclass
class LoadedRules:
    """A folder's rule set, loaded and compiled once; or the error that stopped it."""

    root: Path
    ruleset: RuleSet | None = None
    compiled: CompiledRuleSet | None = None
    error: RuleError | None = None
    _matcher: object = field(default=None, repr=False)

    @property
    def matcher(self):
        from stancekit.engine.matcher import Matcher

        if self._matcher is None:
            self._matcher = Matcher(self.compiled, excerpts=True)
        return self._matcher


_CACHE = pytest.StashKey[dict]()


def loaded_rules(config: pytest.Config, root: Path) -> LoadedRules:
    from stancekit.dsl.errors import RuleError
    from stancekit.dsl.loader import load_rules

    cache = config.stash.setdefault(_CACHE, {})
    if root not in cache:
        loaded = LoadedRules(root)
        try:
            loaded.ruleset = load_rules(rule_files_under(root) or [root])
            loaded.compiled = loaded.ruleset.compile()
        except RuleError as exc:
            loaded.error = exc
        cache[root] = loaded
    return cache[root]


# --------------------------------------------------------------------------- collection


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    if file_path.suffix not in (".yaml", ".yml") or not is_rule_file(file_path):
        return None
    root = rule_root(parent.config, file_path)
    if root is None:
        return None
    return RuleFileCollector.from_parent(parent, path=file_path, root=root)


class RuleFileCollector(pytest.File):
    def __init__(self, *, root: Path, **kwargs):
        super().__init__(**kwargs)
        self.root = root

    def collect(self):
        loaded = loaded_rules(self.config, self.root)
        if loaded.error is not None:
            yield RuleLoadItem.from_parent(self, name="load", error=loaded.error)
            return
        try:
            rule_file = loaded.ruleset.file(str(self.path.resolve()))
        except KeyError:
            return
        for rule in rule_file.rules:
            yield RuleCollector.from_parent(self, name=rule.id, rule=rule)


class RuleCollector(pytest.Collector):
    def __init__(self, *, rule: Rule, **kwargs):
        super().__init__(**kwargs)
        self.rule = rule

    def collect(self):
        counts = {"example": 0, "counter-example": 0}
        for example in self.rule.examples:
            kind = "counter-example" if not example.expect else "example"
            counts[kind] += 1
            yield ExampleItem.from_parent(self, name=f"{kind}-{counts[kind]}", rule=self.rule, example=example)

    def reportinfo(self):
        return self.path, self.rule.line - 1, self.rule.id


class ExampleFailed(Exception):
    """An example whose findings are not what it expects; the message is the whole report."""


class ExampleItem(pytest.Item):
    def __init__(self, *, rule: Rule, example: Example, **kwargs):
        super().__init__(**kwargs)
        self.rule = rule
        self.example = example
        if example.todo is not None:
            self.add_marker(pytest.mark.xfail(reason=f"todo: {example.todo}", strict=False))

    @property
    def _file(self) -> RuleFileCollector:
        return self.getparent(RuleFileCollector)

    def runtest(self) -> None:
        from stancekit.testing.examples import check_example

        loaded = loaded_rules(self.config, self._file.root)
        findings = loaded.matcher.scan(self.example.text, doc_id=f"{self.rule.id}@{self.example.location.line}")
        result = check_example(self.rule, self.example, findings)
        if not result.passed:
            raise ExampleFailed(failure_report(self.rule, self.example, findings, result, loaded.compiled, self.name))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ExampleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, self.example.location.line - 1, self.name


class RuleLoadItem(pytest.Item):
    """Stands for a rule file whose rule set does not load: fails with the errors of this file,
    or is skipped when the errors are in other files."""

    def __init__(self, *, error: RuleError, **kwargs):
        super().__init__(**kwargs)
        self.error = error

    def _own(self) -> list:
        from stancekit.dsl.loader import display_path

        shown = display_path(self.path)
        return [d for d in self.error.errors if d.location is not None and d.location.file == shown]

    def runtest(self) -> None:
        from stancekit.dsl.loader import display_path

        own = self._own()
        if own:
            raise ExampleFailed(f"{display_path(self.path)} does not load:\n\n" + "\n\n".join(d.render() for d in own))
        if self.error.errors and all(d.location is None for d in self.error.errors):
            raise ExampleFailed("the rule set does not load:\n\n" + self.error.render())
        pytest.skip(f"the rules of {display_path(self._root())} do not load; the errors are in other files")

    def _root(self) -> Path:
        return self.getparent(RuleFileCollector).root

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ExampleFailed):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, 0, "load"


# --------------------------------------------------------------------------- the failure report


def _expected(expected: ExpectedFinding) -> str:
    parts = []
    for name in ("actor", "topic", "polarity", "negated", "hedged", "quoted"):
        value = getattr(expected, name)
        if value is None:
            continue
        parts.append(f"{name}={value!r}" if isinstance(value, str) and name != "polarity" else f"{name}={value}")
    return " ".join(parts) or "any finding"


def _found(finding: Finding) -> str:
    actor = repr(finding.actor.text) + (
        f" (= {finding.actor.shown})" if finding.actor.name != finding.actor.text else ""
    )
    flags = [f"polarity={finding.polarity}"]
    flags += [name for name in ("negated", "hedged", "quoted") if getattr(finding, name)]
    return f"actor={actor} topic={finding.topic.text!r} {' '.join(flags)}"


def failure_report(rule: Rule, example: Example, findings, result, compiled: CompiledRuleSet, name: str) -> str:
    """What a rule author needs to fix a failing example: the text, what was expected and what
    came out, and how far the rule got on the text (the furthest pattern element it matched,
    the one it failed on, or the rule that won the same evidence)."""
    where = f"{rule.file}:{example.location.line}"
    lines = [f"{name} of rule {rule.id} failed ({where})", f"  text:       {example.text.strip()}"]
    if example.expect:
        for expected in example.expect:
            lines.append(f"  expected:   {_expected(expected)}")
    else:
        lines.append(f"  expected:   no finding from {rule.id} (a counter-example)")
    if result.found:
        for finding in result.found:
            lines.append(f"  got:        {_found(finding)}")
    else:
        lines.append(f"  got:        no finding from {rule.id}")
    # which expectations and findings are left over, when some did pair up
    if len(result.missing) < len(example.expect):
        lines.extend(f"  missing:    {_expected(expected)}" for expected in result.missing)
    if len(result.unexpected) < len(result.found):
        lines.extend(f"  unexpected: {_found(finding)}" for finding in result.unexpected)
    others = [f for f in findings if f.rule.id != rule.id]
    for finding in others:
        lines.append(f"  other rule: {finding.rule.id}: {_found(finding)}")
    lines.extend(_how_far(rule, example, compiled))
    return "\n".join(lines)


def _how_far(rule: Rule, example: Example, compiled: CompiledRuleSet) -> list[str]:
    from stancekit.engine.explanation import explain_document, pattern_marks, progress_summary
    from stancekit.text.documents import Document

    explanation = explain_document(compiled, Document(id="example", text=example.text), rule_ids=[rule.id])
    traced = [(part, part.traces[0]) for part in explanation.sentences if part.traces]
    if not traced:
        return []

    def how_far(item) -> tuple:
        _, trace = item
        p = trace.progress
        return (trace.matched, -1 if p.reached is None else p.reached, p.position)

    part, trace = max(traced, key=how_far)
    pattern, marks = pattern_marks(trace.progress)
    lines = [f"  how far {rule.id} got" + (f" in sentence {part.sentence.index + 1}:" if len(traced) > 1 else ":")]
    lines.append(f"    {pattern}")
    if marks.strip():
        lines.append(f"    {marks}")
    lines.append(f"    {progress_summary(trace.progress, part.tokens, part.sentence)}")
    if not trace.candidate:
        lines.append("    (the prefilter does not run this rule here: none of its trigger words is in the text)")
    for outcome in trace.outcomes:
        if not outcome.finding and outcome.reason:
            lines.append(f"    -> {outcome.reason}")
    for part in explanation.sentences:
        for item in part.findings:
            if item.finding.rule.id == rule.id and item.notes:
                lines.append(f"  how {_found(item.finding)} was resolved:")
                lines.extend(f"    - {note}" for note in item.notes)
    return lines
