"""The language profile: the pack owns every word list; the engine holds none.

English lives in `rules/en/language/*.yaml` under `language:`; a rule file can replace, extend
or shrink a slot, and a lexicon can include a slot instead of repeating it.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from stancekit.dsl.errors import RuleError
from stancekit.dsl.language import bundled_profile
from stancekit.dsl.loader import check_rules, load_rules
from stancekit.engine.captures import NAME, category
from stancekit.engine.matcher import Matcher
from stancekit.engine.profile import LanguageProfile, slot_docs, slot_kinds
from stancekit.text.segment import segment
from stancekit.text.tokens import tokenize

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "stancekit"
WORD = re.compile(r"^[a-z][a-z'\-]*$")

#: Literals of word-like strings that are not language data: (file, first words) -> why.
ALLOWED: dict[tuple[str, tuple[str, ...]], str] = {
    ("engine/mentions.py", ("person", "group", "organisation")): "referent kinds the engine reports, not words",
    ("engine/attribution.py", ("subject", "speaker", "other")): "mention roles the engine reports, not words",
    ("engine/polarity.py", ("asserted", "hedged", "conditional")): "modalities the engine reports, not words",
}


def _word_lists(path: Path) -> list[tuple[int, tuple[str, ...]]]:
    """Literal collections of three or more lower-case words, and strings of three or more
    lower-case words split into a list, in one module."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    # attribute names a class declares in __slots__ are names, not words
    slots = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__slots__" for t in node.targets)
    }
    for node in ast.walk(tree):
        if id(node) in slots:
            continue
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            words = tuple(
                e.value
                for e in node.elts
                if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.match(e.value)
            )
            if len(words) >= 3:
                found.append((node.lineno, words))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split":
            target = node.func.value
            if isinstance(target, ast.Constant) and isinstance(target.value, str):
                words = tuple(w for w in target.value.split() if WORD.match(w.lower()))
                if len(words) >= 3:
                    found.append((node.lineno, words))
    return found


@pytest.mark.parametrize("folder", ["engine", "text"])
def test_no_english_word_list_in_the_engine(folder: str) -> None:
    problems = []
    for path in sorted((PACKAGE / folder).glob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for line, words in _word_lists(path):
            if (relative, words[:3]) not in ALLOWED:
                problems.append(f"stancekit/{relative}:{line}: {', '.join(words[:6])} ...")
    assert not problems, "word lists belong in rules/en/language/ (a language: slot):\n" + "\n".join(problems)


def test_the_word_list_check_finds_a_list(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        'A = frozenset({"not", "never", "no"})\nB = "he she they".split()\nC = ("a.py", "b")\n'
        'class D:\n    __slots__ = ("context", "rows", "texts")\n'
    )
    assert sorted(words for _, words in _word_lists(module)) == [("he", "she", "they"), ("not", "never", "no")]


def test_every_slot_is_documented_and_set_by_the_pack() -> None:
    profile = bundled_profile()
    for slot, doc in slot_docs().items():
        assert doc.endswith("."), slot
        assert getattr(profile, slot), f"the bundled pack leaves slot '{slot}' empty"


def test_the_rule_set_carries_the_bundled_profile() -> None:
    assert load_rules().compile().profile == bundled_profile()


def test_a_standalone_rule_file_gets_the_bundled_profile(tmp_path: Path) -> None:
    compiled = load_rules([_user_rules(tmp_path, "")]).compile()
    assert compiled.profile == bundled_profile()
    [finding] = Matcher(compiled).scan("The unions never back the plan.")
    assert (finding.polarity, finding.negated) == ("oppose", True)


# -- excluding "it" as an actor is a one-line change to the pack ---------------------------------


def _scan(rules: Path | None, text: str) -> list[tuple[str, str]]:
    compiled = load_rules([rules] if rules else None).compile()
    return [(f.actor.text, f.polarity) for f in Matcher(compiled).scan(text)]


def test_excluding_it_as_an_actor_is_one_line_of_the_pack(tmp_path: Path) -> None:
    assert _scan(None, "It supports heavy trucks.") == [("It", "support")]  # the pack as shipped
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    pronouns = tmp_path / "rules" / "en" / "language" / "pronouns.yaml"
    text = pronouns.read_text(encoding="utf-8")
    line = "  subject_pronouns: [he, i, it, she, they, we]\n"
    assert line in text
    pronouns.write_text(text.replace(line, "  subject_pronouns: [he, i, she, they, we]\n"), encoding="utf-8")
    edited = tmp_path / "rules" / "en"
    assert _scan(edited, "It supports heavy trucks.") == []
    assert _scan(edited, "She supports the plan.") == [("She", "support")]


# -- a user's rule file overrides and extends slots -----------------------------------------------

RULE = """
rules:
  - id: x.back
    pattern: "{actor:ACTOR} (@negations | /[a-z]+/)? back {topic:TOPIC}"
    polarity: support
lexicons:
  negations:
    inflect: false
    include: [language.negations]
"""


def _user_rules(tmp_path: Path, language: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text("stancekit: 1\n" + language + RULE, encoding="utf-8")
    return path


def test_extending_a_slot_adds_to_the_english_list(tmp_path: Path) -> None:
    text = "The unions hardly back the plan."
    [before] = Matcher(load_rules([_user_rules(tmp_path, "")]).compile()).scan(text)
    assert before.polarity == "support" and not before.negated
    rules = _user_rules(tmp_path, "language:\n  negations: {extend: [hardly]}\n")
    compiled = load_rules([rules]).compile()
    assert "hardly" in compiled.profile.negations and "never" in compiled.profile.negations
    [after] = Matcher(compiled).scan(text)
    assert (after.polarity, after.negated) == ("oppose", True)


def test_replacing_a_slot_drops_the_english_list(tmp_path: Path) -> None:
    rules = _user_rules(tmp_path, "language:\n  negations: [hardly]\n")
    compiled = load_rules([rules]).compile()
    assert compiled.profile.negations == frozenset({"hardly"})
    [finding] = Matcher(compiled).scan("The unions never back the plan.")
    assert (finding.polarity, finding.negated) == ("support", False)


def test_removing_entries_from_a_slot(tmp_path: Path) -> None:
    rules = _user_rules(tmp_path, "language:\n  subject_pronouns: {remove: [it]}\n")
    compiled = load_rules([rules]).compile()
    assert compiled.profile.subject_pronouns == bundled_profile().subject_pronouns - {"it"}
    assert Matcher(compiled).scan("It backs heavy trucks.") == []


def test_a_later_file_wins(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_text("stancekit: 1\nlanguage:\n  hedges: [perhaps]\n", encoding="utf-8")
    second = tmp_path / "b.yaml"
    second.write_text("stancekit: 1\nlanguage:\n  hedges: {extend: [supposedly]}\n", encoding="utf-8")
    assert load_rules([first, second]).profile.hedges == frozenset({"perhaps", "supposedly"})
    assert load_rules([second, first]).profile.hedges == frozenset({"perhaps"})


def test_mapping_slots_are_replaced_and_extended(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("stancekit: 1\nlanguage:\n  participle_links: {extend: {chaired: by}}\n", encoding="utf-8")
    links = load_rules([path]).profile.participle_links
    assert links["chaired"] == ("by",) and links["representing"] == ()


# -- mistakes in a language: section --------------------------------------------------------------


@pytest.mark.parametrize(
    ("section", "code", "message"),
    [
        ("  negations: not\n", "wrong-type", "must be a list of words"),
        ('  negations: [not, ""]\n', "bad-entry", "empty or non-text entry"),
        ("  negations: [not, no]\n", "bad-entry", "empty or non-text entry"),
        ("  negations: {append: [x]}\n", "unknown-key", "unknown key 'append'"),
        ("  possessive_subjects: [his]\n", "wrong-type", "mapping of words to words"),
    ],
)
def test_mistakes_are_reported_where_they_are(tmp_path: Path, section: str, code: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("stancekit: 1\nlanguage:\n" + section, encoding="utf-8")
    _, diagnostics = check_rules([path])
    [problem] = [d for d in diagnostics if d.is_error]
    assert (problem.code, problem.location.line) == (code, 3)
    assert message in problem.message


def test_a_quoted_no_is_a_word_and_an_unquoted_one_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("stancekit: 1\nlanguage:\n  negations: [not, no]\n", encoding="utf-8")
    with pytest.raises(RuleError, match="quote the word"):
        load_rules([path])
    path.write_text('stancekit: 1\nlanguage:\n  negations: [not, "no"]\n', encoding="utf-8")
    assert load_rules([path]).profile.negations == frozenset({"not", "no"})


# -- lexicons include language slots ---------------------------------------------------------------


def test_a_lexicon_includes_a_language_slot_and_its_own_entries(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "stancekit: 1\nlanguage:\n  negations: {extend: [hardly]}\n"
        "lexicons:\n  neg:\n    inflect: false\n    include: [language.negations, language.negation_phrases]\n"
        "    entries: [scarcely]\n"
        "rules:\n  - id: x.back\n    pattern: '{actor:ACTOR} @neg back {topic:TOPIC}'\n    polarity: support\n",
        encoding="utf-8",
    )
    ruleset = load_rules([path])
    [rule_file] = ruleset.files
    entries = rule_file.lexicons["neg"].entries
    assert {"not", "hardly", "declined to", "scarcely"} <= set(entries)
    assert entries[-1] == "scarcely"


def test_the_pack_lexicons_include_the_language_lists() -> None:
    ruleset = load_rules()
    common = next(f for f in ruleset.files if f.display == "rules/en/common.yaml")
    profile = ruleset.profile
    assert set(profile.weekdays) <= set(common.lexicons["weekdays"].entries)
    assert set(profile.be_forms) <= set(common.lexicons["be"].entries)


@pytest.mark.parametrize(
    ("include", "message"),
    [
        ("language.negation", "names no slot"),
        ("negations", "names no slot"),
        ("language.agent_suffixes", "not words or phrases"),
    ],
)
def test_a_bad_include_is_reported(tmp_path: Path, include: str, message: str) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"stancekit: 1\nlexicons:\n  neg:\n    include: [{include}]\n", encoding="utf-8")
    _, diagnostics = check_rules([path])
    [problem] = [d for d in diagnostics if d.is_error and d.code in ("unknown-language-slot", "wrong-type")][:1]
    assert message in problem.message and problem.location.line == 4


# -- the text layer reads the profile too ---------------------------------------------------------


def test_tokenizer_and_segmenter_take_abbreviations_from_the_profile() -> None:
    text = "He met Gov. Smith. Then he left."
    assert [t.text for t in tokenize(text)][2] == "Gov."
    assert len(segment(text).sentences) == 2
    bare = LanguageProfile()
    assert [t.text for t in tokenize(text, profile=bare)][2:4] == ["Gov", "."]
    assert len(segment(text, bare).sentences) == 3


def test_slot_kinds_are_known() -> None:
    assert set(slot_kinds().values()) <= {"words", "cased", "phrases", "suffixes", "mapping", "word mapping"}


def test_rules_language_lists_every_slot_with_its_purpose_and_where_its_entries_are_written():
    from click.testing import CliRunner

    from stancekit.cli import cli

    result = CliRunner().invoke(cli, ["rules", "--language"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^negations \(words, \d+ entries, rules/en/language/negation\.yaml:\d+\)$", result.output, re.M)
    assert "One-word negations: reverse a stance cue in their scope." in result.output
    slots = [line.split(" ", 1)[0] for line in result.output.splitlines() if not line.startswith(" ")]
    assert slots == [f.name for f in dataclasses.fields(LanguageProfile)]


def test_a_words_category_follows_the_profile_it_is_read_with() -> None:
    # categories are kept per word form: a second rule set in the same process, whose pack
    # reads the word otherwise, must get its own reading, and the first its own again
    profile = bundled_profile()
    token = tokenize("Okafor", profile=profile)[0]
    assert category(token, profile) == NAME
    other = dataclasses.replace(profile, capitalised_non_names=profile.capitalised_non_names | {"Okafor"})
    assert category(token, other) != NAME
    assert category(token, profile) == NAME
