"""Quotes written ``like this'' (the Congressional Record, and archives typed for TeX): two
backticks open the quote and two apostrophes close it, so the quote ends where it should and
what follows is not read as quoted."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from stancekit.commands.common import compiled_rule_set
from stancekit.engine.matcher import Matcher
from stancekit.text.segment import _QUOTE_MARK_RE, find_quotes, segment

RECORD = (
    "Senator Hale rose and said, ``We support the flood insurance bill.'' "
    "The committee opposes the fuel tax. "
    "``I oppose the fuel tax,'' Representative Ortiz said."
)


def quoted_texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_two_backticks_open_a_quote_that_two_apostrophes_close():
    assert quoted_texts(RECORD) == ["``We support the flood insurance bill.''", "``I oppose the fuel tax,''"]
    assert all(q.closed for q in find_quotes(RECORD))


def test_the_sentence_after_a_closed_quote_is_not_quoted():
    segmentation = segment(RECORD)
    after = next(s for s in segmentation.sentences if s.text.startswith("The committee"))
    assert segmentation.quote_at(after.start) is None


def test_a_quote_that_runs_into_the_next_paragraph_opens_again_with_backticks():
    text = "She said, ``We will not support the levy.\n\n``It is wrong for the town,'' she added."
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes][1] == "``It is wrong for the town,''"
    assert quotes[0].continues and not quotes[0].closed


def test_findings_in_and_out_of_record_quotes():
    matcher = Matcher(compiled_rule_set((), (), (), None, True, True))
    findings = matcher.scan(RECORD)
    by_topic = {(f.topic.text, f.actor.name): f.quoted for f in findings}
    assert by_topic.get(("the fuel tax", "committee")) is False
    assert by_topic.get(("the fuel tax", "Ortiz")) is True
    # "We" inside the quote is its speaker, not an unresolved first person
    assert by_topic.get(("the flood insurance bill", "Hale")) is True


def test_a_lone_apostrophe_or_backtick_opens_no_quote():
    assert quoted_texts("It's a `rare' case, he said. ``Yes,'' she said.") == ["``Yes,''"]


@given(st.text(alphabet="ab `'\"\u201c\u201d.\n", max_size=40))
def test_quote_marks_are_pairs_of_backticks_or_apostrophes_and_double_quotes_read_left_to_right(text):
    """A mark is two backticks, two apostrophes or one double quote, straight or curly; the
    text is read from the left, and no character belongs to two marks."""
    expected, i = [], 0
    while i < len(text):
        if text[i : i + 2] in ("``", "''"):
            expected.append((i, text[i : i + 2]))
            i += 2
            continue
        if text[i] in '"\u201c\u201d':
            expected.append((i, text[i]))
        i += 1
    assert [(m.start(), m.group()) for m in _QUOTE_MARK_RE.finditer(text)] == expected
