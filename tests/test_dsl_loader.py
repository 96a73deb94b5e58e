"""Rule-file loading: where each character of a YAML value is written, and the words, carets and
hints of the diagnostics that the golden files in `tests/broken_rules/` do not show."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from stancekit.dsl.errors import Diagnostic, RuleError
from stancekit.dsl.loader import check_rules, load_rules
from stancekit.dsl.parser import PatternSyntaxError, parse_pattern
from stancekit.dsl.yamlsource import LocatedStr, SourceFile, _quoted_spans, load_located

RULE = "stancekit: 1\nrules:\n  - id: en.verb.back\n    pattern: {pattern}\n    polarity: support\n"


def _write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(tmp_path: Path, text: str) -> tuple[Diagnostic, ...]:
    with pytest.raises(RuleError) as caught:
        load_rules([_write(tmp_path, text)])
    return caught.value.errors


def _only_error(tmp_path: Path, text: str) -> Diagnostic:
    (error,) = _errors(tmp_path, text)
    return error


def _under_caret(d: Diagnostic) -> str:
    loc = d.location
    return loc.line_text[loc.col - 1 : loc.col - 1 + loc.length]


# -- where each character of a value is written -------------------------------------------------


def _value(text: str) -> LocatedStr:
    return load_located(SourceFile("t.yaml", text))["v"]


@pytest.mark.parametrize(
    "written",
    [
        r'"a \u2019s %"',
        r'"a\tb %"',
        r'"\x41\x42 %"',
        r'"back\\slash %"',
        r'"say \"no\" %"',
        r'"\U0001F600 %"',
        "'it''s %'",
        '"one\n   two\n\n   three %"',
        "'one\n   two %'",
        '"split \\\n   here %"',
        "plain\n  and folded %",
    ],
)
def test_each_character_maps_to_where_it_is_written(written: str) -> None:
    text = f"v: {written}\n"
    value = _value(text)
    at = value._source_index(value.index("%"))
    assert text[at] == "%"
    for k, ch in enumerate(value):
        start, end = value._source_span(k, 1)
        source = text[start:end]
        if ch == "'" and value.style == "'":
            assert source in ("'", "''")
        elif source.startswith("\\"):
            assert yaml.safe_load(f'"{source}"') == ch
        elif not ch.isspace():
            assert source == ch


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("ab %'\"\\\t\n’é\x85😀")), max_size=40),
    st.sampled_from(['"', "'"]),
    st.integers(min_value=8, max_value=30),
)
def test_quoted_values_are_replayed_exactly(value: str, style: str, width: int) -> None:
    text = yaml.dump({"v": value}, default_style=style, width=width, allow_unicode=True)
    located = _value(text)  # (equal to `value`, but for a few line breaks YAML cannot keep)
    raw = text[located.start_index : located.end_index]
    replayed = _quoted_spans(raw, located.style == '"')  # (the style asked for, where it can be)
    assert replayed is not None and replayed[0] == located
    starts = [start for start, _ in replayed[1]]
    assert starts == sorted(starts)


def test_a_location_spanning_an_escape_underlines_all_of_it(tmp_path: Path) -> None:
    path = _write(tmp_path, RULE.format(pattern=r'"{actor:ACTOR} @caf\u00e9 {topic:TOPIC}"'))
    (error,) = (d for d in check_rules([path])[1] if d.is_error)
    assert error.code == "undefined-lexicon"
    assert _under_caret(error) == r"@caf\u00e9"


def test_caret_on_the_second_line_of_a_folded_double_quoted_pattern(tmp_path: Path) -> None:
    text = 'stancekit: 1\nrules:\n  - id: en.verb.back\n    pattern: "{actor:ACTOR} back\n      % {topic:TOPIC}"\n'
    error = _only_error(tmp_path, text + "    polarity: support\n")
    assert (error.location.line, error.location.col) == (5, 7)


# -- YAML mistakes ------------------------------------------------------------------------------


def test_tab_is_shown_and_the_caret_lines_up(tmp_path: Path) -> None:
    error = _only_error(tmp_path, "stancekit: 1\nrules:\n  - id: x\n\t  pattern: y\n")
    assert error.message == "this line is indented with a tab"
    assert error.render().split("\n")[1:3] == ["   4 | →     pattern: y", "     | ^^^^"]


def test_backslash_escape_unknown_to_yaml(tmp_path: Path) -> None:
    error = _only_error(tmp_path, RULE.format(pattern=r'"{actor:ACTOR} /\d+/ {topic:TOPIC}"'))
    assert error.message == r"'\d' is not an escape sequence of a double-quoted YAML string"
    assert _under_caret(error) == r"\d"
    assert r"\\d" in error.hint and "single quotes" in error.hint


def test_list_that_is_never_closed(tmp_path: Path) -> None:
    error = _only_error(tmp_path, "stancekit: 1\nimports: [common.yaml\n")
    assert (error.message, error.location.line, error.location.col) == ("'[' is never closed", 2, 10)


def test_line_without_a_colon(tmp_path: Path) -> None:
    error = _only_error(tmp_path, "stancekit: 1\nrules:\n  - id: x\n    some words\n    polarity: support\n")
    assert error.message == "expected 'key: value' on this line"
    assert (error.location.line, error.location.col) == (4, 5)


def test_key_at_the_level_of_list_items(tmp_path: Path) -> None:
    error = _only_error(tmp_path, "stancekit: 1\nrules:\n  - id: x\n  pattern: y\n")
    assert error.message == "this line's indentation does not match the lines above"
    assert "start this line with '- '" in error.hint


def test_tag_is_named_as_written_even_after_an_anchor(tmp_path: Path) -> None:
    error = _only_error(tmp_path, "stancekit: 1\ndescription: &d !custom x\n")
    assert error.message == "YAML tag '!custom' is not allowed in a rule file"
    assert _under_caret(error) == "!custom"


def test_unknown_problem_keeps_the_yaml_library_text(tmp_path: Path) -> None:
    error = _only_error(tmp_path, "stancekit: 1\ndescription: *nowhere\n")
    assert error.message.startswith("YAML syntax error: found undefined alias")


# -- pattern syntax -----------------------------------------------------------------------------


def _syntax(pattern: str, style: str | None = None) -> PatternSyntaxError:
    with pytest.raises(PatternSyntaxError) as caught:
        parse_pattern(pattern, style)
    return caught.value


@pytest.mark.parametrize(
    ("regex", "message", "literal"),
    [
        ("/back)/", "')' in the regular expression has no '(' before it", "\\)"),
        ("/[ab/", "'[' in the regular expression is never closed", "\\["),
        ("/*back/", "'*' in the regular expression has nothing to repeat", "\\*"),
        ("/back\\q/", "'\\q' is not an escape a regular expression knows", "\\\\"),
    ],
)
def test_regex_problems_in_plain_words(regex: str, message: str, literal: str) -> None:
    error = _syntax(f"{{actor:ACTOR}} {regex} {{topic:TOPIC}}")
    assert error.message == message
    assert literal in error.hint
    doubled = _syntax(f"{{actor:ACTOR}} {regex} {{topic:TOPIC}}", '"')
    assert literal.replace("\\", "\\\\") in doubled.hint and "double-quoted" in doubled.hint


def test_regex_error_position_counts_escaped_slashes() -> None:
    pattern = r"{actor:ACTOR} /a\/b)/ {topic:TOPIC}"
    assert pattern[_syntax(pattern).offset] == ")"


def test_unrecognised_regex_problem_keeps_pythons_text() -> None:
    error = _syntax("{actor:ACTOR} /(?<x/ {topic:TOPIC}")
    assert error.message.startswith("invalid regular expression: ")


def test_unclosed_quoted_word_in_a_single_quoted_yaml_string() -> None:
    error = _syntax("{actor:ACTOR} ' backing {topic:TOPIC}", "'")
    assert "close it with ''" in error.hint and '"backing"' in error.hint


@pytest.mark.parametrize(
    ("pattern", "message", "hint"),
    [
        ("{:ACTOR} back {topic:TOPIC}", "capture {:ACTOR} has no name", "write {actor:ACTOR}"),
        ("{actor ACTOR} back {topic:TOPIC}", "capture {actor ACTOR} has no ':' between its name and type", None),
        (
            "{who} back {topic:TOPIC}",
            "capture {who} has no type",
            "write {who:TYPE}; the types are ACTOR, HOLDER, NAME, TOPIC",
        ),
    ],
)
def test_malformed_captures(pattern: str, message: str, hint: str | None) -> None:
    error = _syntax(pattern)
    assert error.message == message
    assert pattern[error.offset : error.offset + error.length] == message.split(" ", 1)[1].rsplit(" has ", 1)[0]
    assert hint is None or error.hint == hint


# -- rules, names and the rule set --------------------------------------------------------------


def test_every_mistake_of_one_rule_is_reported(tmp_path: Path) -> None:
    text = (
        "stancekit: 1\nrules:\n  - id: en.verb.back\n"
        '    pattern: "{actor:ACTOR} (back | stand by"\n    polarity: yes\n    priority: high\n'
    )
    assert [d.code for d in _errors(tmp_path, text)] == ["pattern-syntax", "bad-polarity", "wrong-type"]


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("12", "rule id 12 is not text"),
        ("'.en.verb'", "rule id '.en.verb' starts with '.'"),
        ("en/verb/back", "rule id 'en/verb/back' contains '/'"),
        ("''", "rule id is empty"),
    ],
)
def test_what_is_wrong_with_a_rule_id(tmp_path: Path, written: str, message: str) -> None:
    text = RULE.format(pattern='"{actor:ACTOR} back {topic:TOPIC}"').replace("en.verb.back", written)
    error = _only_error(tmp_path, text)
    assert (error.code, error.message) == ("bad-rule-id", message)
    assert _under_caret(error) == written


def test_empty_polarity_and_pattern(tmp_path: Path) -> None:
    text = "stancekit: 1\nrules:\n  - id: en.verb.back\n    pattern:\n    polarity:\n"
    assert [d.message for d in _errors(tmp_path, text)] == ["pattern is empty", "polarity is empty"]


def test_expected_polarity_of_an_example(tmp_path: Path) -> None:
    text = RULE.format(pattern='"{actor:ACTOR} back {topic:TOPIC}"') + (
        "    examples:\n      - text: Unions back the plan.\n        expect: [{actor: Unions, polarity: no}]\n"
    )
    error = _only_error(tmp_path, text)
    assert error.message == "expected polarity must be support, oppose or neutral, not 'no'"
    assert "YAML reads an unquoted no as true or false" in error.hint


def test_duplicate_rule_id_across_files_names_the_first(tmp_path: Path) -> None:
    body = RULE.format(pattern='"{actor:ACTOR} back {topic:TOPIC}"')
    first = _write(tmp_path, body, "a.yaml")
    second = _write(tmp_path, "# the same rule\n" + body, "b.yaml")
    with pytest.raises(RuleError) as caught:
        load_rules([first, second])
    (error,) = caught.value.errors
    assert (Path(error.location.file).name, error.location.line, _under_caret(error)) == ("b.yaml", 4, "en.verb.back")
    assert error.hint.startswith("the first rule with this id is at ") and "a.yaml:3;" in error.hint


def test_missing_bundled_import_says_where_it_looked(tmp_path: Path) -> None:
    text = "stancekit: 1\nimports: ['stancekit:en/nothing_like_this.yaml']\n"
    error = _only_error(tmp_path, text)
    assert error.hint == "looked for rules/en/nothing_like_this.yaml among the bundled rules"
    assert _under_caret(error) == "'stancekit:en/nothing_like_this.yaml'"


def test_negated_quoted_phrase_is_named(tmp_path: Path) -> None:
    error = _only_error(tmp_path, RULE.format(pattern="'{actor:ACTOR} !\"no longer\" back {topic:TOPIC}'"))
    assert error.message == "'!' can only negate a test of one token, but 'no longer' is 2 words"


@pytest.mark.parametrize(
    ("macros", "hint"),
    [
        ({"PRE": "$PRE back"}, "remove $PRE from its own definition"),
        (
            {"PRE": "$ADV? back", "ADV": "$MID? firmly", "MID": "$PRE? very"},
            "remove $PRE from $MID, $ADV from $PRE, or $MID from $ADV",
        ),
    ],
)
def test_macro_cycle_hint_names_what_to_remove(tmp_path: Path, macros: dict, hint: str) -> None:
    lines = "".join(f'  {name}: "{body}"\n' for name, body in macros.items())
    text = "stancekit: 1\nmacros:\n" + lines + RULE.format(pattern='"{actor:ACTOR} $PRE {topic:TOPIC}"')[13:]
    error = _only_error(tmp_path, text)
    assert (error.code, error.hint) == ("macro-cycle", hint)


def test_capture_type_same_as_its_name_underlines_the_type(tmp_path: Path) -> None:
    error = _only_error(tmp_path, RULE.format(pattern='"{PERSON:PERSON} back {topic:TOPIC}"'))
    assert (error.location.col, error.location.length) == (23, 6)


def test_lexicon_written_as_a_macro(tmp_path: Path) -> None:
    text = (
        'stancekit: 1\nmacros:\n  backing: "back | support"\n'
        + RULE.format(pattern='"{actor:ACTOR} @backing {topic:TOPIC}"')[13:]
    )
    assert _only_error(tmp_path, text).hint == "backing is one of the macros; write $backing"


def test_misspelt_section_in_an_imported_file(tmp_path: Path) -> None:
    _write(tmp_path, "stancekit: 1\nlexicon:\n  backing: [back]\n", "common.yaml")
    text = "stancekit: 1\nimports: [common.yaml]\n" + RULE.format(pattern='"{actor:ACTOR} @backing {topic:TOPIC}"')[13:]
    errors = _errors(tmp_path, text)
    hint = next(d.hint for d in errors if d.code == "undefined-lexicon")
    assert "under 'lexicon:' (" in hint and "common.yaml:2)" in hint


def test_summary_counts_warnings_shown_with_errors(tmp_path: Path) -> None:
    text = RULE.format(pattern='"{actor:ACTOR} [any] {topic:TOPIC}"') + "    priority: high\n"
    with pytest.raises(RuleError) as caught:
        load_rules([_write(tmp_path, text)])
    assert caught.value.render().endswith("\n1 error, 1 warning in rules")
