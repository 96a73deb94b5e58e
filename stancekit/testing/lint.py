"""The checks `stancekit check` adds to those of loading: what makes a rule slow or untested.

Loading (`stancekit.dsl.loader.check_rules`) already reports every error and the warnings
about unused names and rules without a trigger word. These warnings come on top:

- **slow-nested-repeat**: a repeat inside a repeat, such as `($PRE [word]?){0,10}` where `$PRE`
  is itself `(...){0,5}`. Repeats are unrolled when a rule is compiled, so the inner part is
  copied outer x inner times (here 50): more than `NESTED_REPEAT_LIMIT` copies are reported,
  where the outer repeat is written (in the rule, or in the macro that holds it).
- **slow-pattern**: a rule whose program, with every repeat unrolled, has more than
  `SLOW_PROGRAM_SIZE` instructions (estimated without compiling with
  `dsl.validate.program_size`: the estimate loading uses for its own limit; a long repeat is
  compiled as one counted loop, whose states still number about as many). The matcher walks
  the program at every
  word of a candidate sentence, so the time a rule takes grows with it; the largest rules of
  the bundled pack have under 600. The hint names the parts of the pattern that weigh most.
- **no-examples**: a rule without examples or without counter-examples (todo ones do not
  count, since they do not guard the rule).

Test files beside the rules are read too, so that a broken one is reported with the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from stancekit.dsl import ast, codes
from stancekit.dsl.errors import CountsDiagnostics, Diagnostic, check_summary
from stancekit.dsl.errors import plural as _count
from stancekit.dsl.loader import RuleSet, check_rules, diagnostic_order
from stancekit.dsl.model import Rule
from stancekit.dsl.validate import ExpandedMacro, NameBinder, children, program_size
from stancekit.dsl.yamlsource import LocatedStr
from stancekit.resources import bundled_rules_dir
from stancekit.testing.progress import top_elements
from stancekit.testing.testfiles import (
    TestCase,
    check_rule_names,
    find_test_files,
    is_test_file,
    read_test_file,
    target_path,
)

#: Copies of a repeated part above which a repeat inside a repeat is reported.
NESTED_REPEAT_LIMIT = 20
#: Instructions above which a rule's program is reported as slow (about twice the largest
#: rule of the bundled pack; loading refuses patterns estimated above 4000).
SLOW_PROGRAM_SIZE = 1000


@dataclass(frozen=True)
class Targets:
    """What a command line names: rule files and folders, and the test files that go with them."""

    rules: tuple[str, ...]
    tests: tuple[Path, ...]

    @classmethod
    def of(cls, paths: Sequence[str]) -> Targets:
        """Rule paths and test files from the command line. Folders bring the test files in
        them; a rule file brings `<name>.test.*` beside it; a test file named on its own is
        run against the rule files of its folder (unless rule paths are given too); no path
        at all means the bundled pack and its test files."""
        named_tests = [target_path(p) for p in paths if is_test_file(p)]
        rules = [p for p in paths if not is_test_file(p)]
        if rules:
            return cls(tuple(rules), tuple(_unique([*find_test_files(rules), *named_tests])))
        if named_tests:
            folders = dict.fromkeys(str(p.parent) for p in named_tests)
            return cls(tuple(folders), tuple(_unique(named_tests)))
        return cls((), tuple(find_test_files([bundled_rules_dir()])))


def _unique(paths: Iterable[Path]) -> list[Path]:
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(path.resolve(), path)
    return list(seen.values())


def read_tests(paths: Iterable[Path], rule_ids: Iterable[str] | None) -> tuple[list[TestCase], list[Diagnostic]]:
    """Every test of `paths`, and every problem in them: with `rule_ids`, a `rule:` that names
    none of them too (leave it None when the rules did not load, and ids may be missing)."""
    cases: list[TestCase] = []
    problems: list[Diagnostic] = []
    for path in paths:
        found, diagnostics = read_test_file(path)
        cases.extend(found)
        problems.extend(diagnostics)
    if rule_ids is not None:
        problems.extend(check_rule_names(cases, rule_ids))
    return cases, problems


def loaded_ids(ruleset: RuleSet, diagnostics: Iterable[Diagnostic]) -> list[str] | None:
    """The ids of the loaded rules, or None when loading found errors (some may be missing)."""
    return None if any(d.is_error for d in diagnostics) else [r.id for r in ruleset.rules]


@dataclass(frozen=True)
class CheckReport(CountsDiagnostics):
    ruleset: RuleSet
    diagnostics: tuple[Diagnostic, ...]
    files: int

    def summary(self) -> str:
        """`2 errors, 3 warnings in 5 files (48 rules)`."""
        return check_summary(self.errors, self.warnings, self.files, len(self.ruleset.rules))


def check(paths: Sequence[str]) -> CheckReport:
    """Every problem of the rules and test files `paths` name (the bundled pack for none)."""
    targets = Targets.of(paths)
    ruleset, diagnostics = check_rules(list(targets.rules) or None)
    diagnostics = [*diagnostics, *extra_diagnostics(ruleset)]
    if targets.rules and not any(_is_bundled(target_path(t)) for t in targets.rules):
        # the bundled files a user's rules import are not the user's to change
        bundled = {f.display for f in ruleset.files if _is_bundled(f.path)}
        diagnostics = [d for d in diagnostics if d.is_error or not d.location or d.location.file not in bundled]
    _, problems = read_tests(targets.tests, loaded_ids(ruleset, diagnostics))
    diagnostics.extend(problems)
    return CheckReport(
        ruleset, tuple(sorted(diagnostics, key=diagnostic_order)), len(ruleset.files) + len(targets.tests)
    )


def _is_bundled(path: Path) -> bool:
    return path.resolve().is_relative_to(bundled_rules_dir().resolve())


def extra_diagnostics(ruleset: RuleSet) -> list[Diagnostic]:
    """The warnings described above, for every rule and macro whose names resolve."""
    found: list[Diagnostic] = []
    binder = NameBinder(ruleset, lambda _: None)
    for rule_file in ruleset.files:
        for name, macro in rule_file.macros.items():
            if macro.tree is None:
                continue
            tree = binder.bind(macro.tree, macro.pattern, rule_file.key)
            if tree is not None:
                found.extend(nested_repeats(tree, macro.pattern, f"macro ${name}"))
        for rule in rule_file.rules:
            found.extend(_examples(rule))
            tree = binder.bind(rule.tree, rule.pattern, rule_file.key)
            if tree is None:
                continue
            found.extend(nested_repeats(tree, rule.pattern, f"rule {rule.id}"))
            size = program_size(tree) + 1  # and the final MATCH instruction
            if size > SLOW_PROGRAM_SIZE:
                found.append(_slow_pattern(rule, tree, size))
    return found


def copies(node: ast.Node) -> int:
    """How many copies of its innermost repeated part a node's repeats make (1 for none)."""
    if isinstance(node, ast.Repeat):
        return max(node.max, 1) * copies(node.body)
    return max((copies(child) for child in children(node)), default=1)


def nested_repeats(tree: ast.Node, pattern: str, where: str) -> list[Diagnostic]:
    """A warning for each outermost repeat, written in `pattern`, whose nested repeats make
    more than `NESTED_REPEAT_LIMIT` copies. Macros used inside are looked into but not
    reported on: their own repeats are reported where the macro is defined."""
    found: list[Diagnostic] = []

    def visit(node: ast.Node) -> None:
        if isinstance(node, ExpandedMacro):
            return
        if isinstance(node, ast.Repeat) and node.max > 1:
            inner = copies(node.body)
            total = node.max * inner
            if inner > 1 and total > NESTED_REPEAT_LIMIT:
                text = pattern[node.span.start : node.span.end]
                found.append(
                    codes.SLOW_NESTED_REPEAT.diagnostic(
                        f"repeat inside a repeat in {where}: {text} repeats a part that repeats itself,"
                        f" which makes {node.max} x {inner} = {total} copies of it and slows matching",
                        _location(pattern, node),
                    )
                )
                return
        for child in children(node):
            visit(child)

    visit(tree)
    return found


def _location(pattern: str, node: ast.Node):
    if isinstance(pattern, LocatedStr):
        return pattern.location(node.span.start, max(1, node.span.end - node.span.start))
    return None


def _slow_pattern(rule: Rule, tree: ast.Node, size: int) -> Diagnostic:
    weights: dict[str, list[int]] = {}
    for element in top_elements(tree):
        text = rule.pattern[element.span.start : element.span.end]
        weights.setdefault(text, []).append(program_size(element))
    heavy = sorted(weights.items(), key=lambda item: -sum(item[1]))[:3]
    parts = ", ".join(
        f"{text} ({_count(sizes[0], 'step')}" + (f", {len(sizes)} times)" if len(sizes) > 1 else ")")
        for text, sizes in heavy
    )
    return codes.SLOW_PATTERN.diagnostic(
        f"rule {rule.id} compiles to about {size} matching steps (more than {SLOW_PROGRAM_SIZE}), so it is slow"
        " to match",
        rule.location,
        f"the largest parts: {parts}; lower the bounds of repeats, or split the rule in two",
    )


def _examples(rule: Rule) -> list[Diagnostic]:
    active = [e for e in rule.examples if e.todo is None]
    positive = sum(1 for e in active if not e.counter)
    counter = len(active) - positive
    if positive and counter:
        return []
    if not positive and not counter:
        missing = "no examples and no counter-examples"
    elif not positive:
        missing = "no examples (texts it must find a stance in)"
    else:
        missing = "no counter-examples (texts it must not match)"
    if rule.examples and len(active) < len(rule.examples):
        missing += "; those marked todo do not count"
    return [
        codes.NO_EXAMPLES.diagnostic(
            f"rule {rule.id} has {missing}",
            rule.id_location or rule.location,
        )
    ]
