"""Segmentation: sentences with exact offsets, paragraphs and quote spans."""

from __future__ import annotations

import pytest

from stancekit.text.segment import QuoteSpan, segment


def sentences(text: str) -> list[str]:
    return [s.text for s in segment(text).sentences]


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in segment(text).quotes]


ARTICLE = """City Council Rejects Transit Levy

By Dana Whitfield

The council voted 7-2 on Tuesday against the levy, which Mayor Ruth Okafor had called
"the only honest way to pay for buses." Council member Luis Ortega said the vote was
"a mistake we will regret," adding that he would try again in the spring.

"We cannot keep asking riders to wait," Okafor said. "The money has to come from somewhere."

Ortega's rival, Dr. Ana Reyes, disagreed. "Is a new tax really the answer?" she asked. "I don't
think so."
"""


def test_sentence_offsets_are_exact_and_trimmed():
    seg = segment(ARTICLE)
    assert len(seg.sentences) >= 8
    for i, s in enumerate(seg.sentences):
        assert s.index == i
        assert ARTICLE[s.start : s.end] == s.text
        assert s.text == s.text.strip()
        assert s.text
    ends = [s.end for s in seg.sentences]
    starts = [s.start for s in seg.sentences]
    assert all(e <= n for e, n in zip(ends, starts[1:], strict=False))


def test_article_sentences():
    assert sentences(ARTICLE) == [
        "City Council Rejects Transit Levy",
        "By Dana Whitfield",
        "The council voted 7-2 on Tuesday against the levy, which Mayor Ruth Okafor had called\n"
        '"the only honest way to pay for buses."',
        'Council member Luis Ortega said the vote was\n"a mistake we will regret," adding that he would '
        "try again in the spring.",
        '"We cannot keep asking riders to wait," Okafor said.',
        '"The money has to come from somewhere."',
        "Ortega's rival, Dr. Ana Reyes, disagreed.",
        '"Is a new tax really the answer?" she asked.',
        '"I don\'t\nthink so."',
    ]


def test_article_paragraphs():
    assert [s.paragraph for s in segment(ARTICLE).sentences] == [0, 1, 2, 2, 3, 3, 4, 4, 4]


def test_sentences_read_as_a_sequence_of_exact_spans():
    found = segment(ARTICLE).sentences
    assert len(found) == 9
    assert [s.index for s in found] == list(range(9))
    assert found[-1] == found[8] and found[-1].text == '"I don\'t\nthink so."'
    assert found[2:4] == tuple(found)[2:4] and [s.index for s in found[2:4]] == [2, 3]
    assert list(found.starts) == [s.start for s in found] and list(found.ends) == [s.end for s in found]
    assert all(ARTICLE[s.start : s.end] == s.text for s in found)
    with pytest.raises(IndexError):
        found[9]


def test_empty_and_blank_text():
    assert segment("").sentences == ()
    assert segment("  \n\n \t").sentences == ()
    assert segment("").quotes == ()


def test_text_without_final_punctuation_is_one_sentence():
    assert sentences("  Officials declined to comment  ") == ["Officials declined to comment"]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Hale met Mrs. Grant and Ms. Odum in the lobby.",
        "Dr. Sato and Sen. Price spoke before Gov. Lin arrived.",
        "Rep. Adams voted with Sen. Brooks on the measure.",
        "The U.S. envoy briefed the U.N. Security Council on the plan.",
        "The summit opens on Jan. 5 in Vienna.",
        "Polls open at 7 a.m. and close at 8 p.m. across the state.",
        "He quoted John F. Kennedy at length.",
        "The team is ranked No. 1 in the country.",
        "Unemployment fell to 3.5 percent in March.",
        "Shares of Halvorsen Corp. rose after the ruling.",
        "The governor wants Okafor v. Lindqvist overturned by the court.",
    ],
)
def test_abbreviations_titles_and_decimals_do_not_end_a_sentence(text):
    assert sentences(text) == [text]


def test_number_sign_regression():
    """Regression: "No. 1" ended the sentence at "No."."""
    text = "The bill is the governor's No. 1 priority. Lawmakers disagree."
    assert sentences(text) == ["The bill is the governor's No. 1 priority.", "Lawmakers disagree."]


def test_abbreviation_at_the_end_of_a_sentence():
    text = "The treaty was signed in the U.S. The Europeans were not told. Talks end at 4 p.m. Then a vote."
    assert sentences(text) == [
        "The treaty was signed in the U.S.",
        "The Europeans were not told.",
        "Talks end at 4 p.m.",
        "Then a vote.",
    ]


def test_plain_sentences_split():
    assert sentences("Why now? Nobody knows! The vote is on.") == ["Why now?", "Nobody knows!", "The vote is on."]


def test_quote_ending_a_sentence():
    text = 'The minister said: "We will not sign." Opposition leaders welcomed the news.'
    assert sentences(text) == ['The minister said: "We will not sign."', "Opposition leaders welcomed the news."]


def test_question_in_quotes_followed_by_a_new_sentence():
    text = '"Who pays for the bridge?" The question dominated the hearing.'
    assert sentences(text) == ['"Who pays for the bridge?"', "The question dominated the hearing."]


def test_comma_inside_quotes_does_not_end_a_sentence():
    text = '"We oppose this tax," Kline said. She left early.'
    assert sentences(text) == ['"We oppose this tax," Kline said.', "She left early."]


@pytest.mark.parametrize(
    "first",
    [
        '"Is this the end of the coalition?" he asked.',
        '"Enough!" she shouted.',
        '"Why should farmers pay?" Smith asked.',
        '"Who approved this?" Deputy Mayor Jo Lind asked.',
        "\u201cWill you resign?\u201d the reporter asked.",
    ],
)
def test_question_or_exclamation_with_attribution_stays_one_sentence(first):
    text = f"{first} Nobody answered."
    assert sentences(text) == [first, "Nobody answered."]


def test_ellipsis_inside_quotes_does_not_split():
    text = '"We waited... Nobody came," a resident said. "Then... Silence." Officials declined to comment.'
    assert sentences(text) == [
        '"We waited... Nobody came," a resident said.',
        '"Then... Silence."',
        "Officials declined to comment.",
    ]


def test_hard_wrapped_lines_are_not_boundaries():
    text = (
        "Regulators said on Monday that the merger\n"
        "would be reviewed by an independent panel\n"
        "before the end of the year. Both firms welcomed\n"
        "the decision."
    )
    seg = segment(text)
    assert [s.text for s in seg.sentences] == [
        "Regulators said on Monday that the merger\nwould be reviewed by an independent panel\n"
        "before the end of the year.",
        "Both firms welcomed\nthe decision.",
    ]
    assert [s.paragraph for s in seg.sentences] == [0, 0]


def test_hard_wrapped_first_line_is_not_a_headline():
    """Regression: the first line of a document was always taken for a headline."""
    text = "The ministry said its plan was\nsound and would pass the\nsenate next week. Critics disagreed."
    seg = segment(text)
    assert [s.text for s in seg.sentences] == [
        "The ministry said its plan was\nsound and would pass the\nsenate next week.",
        "Critics disagreed.",
    ]
    assert [s.paragraph for s in seg.sentences] == [0, 0]


@pytest.mark.parametrize(
    "headline",
    [
        "Senate Passes Budget After All-Night Session",
        "Senate passes budget after all-night session",
        "FLOODS CLOSE RAIL LINES",
    ],
)
def test_headline_without_full_stop_is_its_own_sentence(headline):
    text = f"{headline}\nThe measure passed 52-48 on Friday. It now goes to the House."
    seg = segment(text)
    assert [s.text for s in seg.sentences] == [
        headline,
        "The measure passed 52-48 on Friday.",
        "It now goes to the House.",
    ]
    assert [s.paragraph for s in seg.sentences] == [0, 1, 1]


def test_blank_line_is_always_a_boundary():
    text = "Rail strike called off\n\nunions and managers agreed terms overnight"
    assert sentences(text) == ["Rail strike called off", "unions and managers agreed terms overnight"]


def test_blank_line_with_spaces_and_windows_line_endings():
    text = "First paragraph ends here\r\n \r\nsecond paragraph has no capital"
    assert sentences(text) == ["First paragraph ends here", "second paragraph has no capital"]


def test_one_paragraph_per_line():
    text = (
        "The governor signed the bill on Monday.\n"
        "Critics said it went too far.\n"
        "Supporters said it was overdue. They plan a rally.\n"
    )
    seg = segment(text)
    assert [s.text for s in seg.sentences] == [
        "The governor signed the bill on Monday.",
        "Critics said it went too far.",
        "Supporters said it was overdue.",
        "They plan a rally.",
    ]
    assert [s.paragraph for s in seg.sentences] == [0, 1, 2, 2]


def test_paragraph_index_increments_at_blank_lines():
    text = "One. Two.\n\nThree.\n\n\n\nFour. Five."
    seg = segment(text)
    assert [(s.text, s.paragraph) for s in seg.sentences] == [
        ("One.", 0),
        ("Two.", 0),
        ("Three.", 1),
        ("Four.", 2),
        ("Five.", 2),
    ]


def test_straight_quote_spans():
    text = 'The envoy called it "a betrayal" and said "talks are over." Aides agreed.'
    seg = segment(text)
    assert quoted(text) == ['"a betrayal"', '"talks are over."']
    assert all(q.closed and not q.continues for q in seg.quotes)
    first = seg.quotes[0]
    assert text[first.inner_start : first.inner_end] == "a betrayal"


def test_curly_quote_spans():
    text = "\u201cWe will rebuild,\u201d the mayor said. \u201cEvery street.\u201d"
    seg = segment(text)
    assert quoted(text) == ["\u201cWe will rebuild,\u201d", "\u201cEvery street.\u201d"]
    assert all(q.closed for q in seg.quotes)


def test_quote_running_over_paragraphs_continues():
    text = (
        "\u201cThe flood barrier failed on the first night. We saw it coming.\n\n"
        "\u201cNobody listened to the engineers,\u201d the council leader said.\n\n"
        "The inquiry opens next month."
    )
    seg = segment(text)
    assert len(seg.quotes) == 2
    first, second = seg.quotes
    assert not first.closed and first.continues
    assert text[first.start : first.end] == "\u201cThe flood barrier failed on the first night. We saw it coming."
    assert second.closed and not second.continues
    assert text[second.start : second.end] == "\u201cNobody listened to the engineers,\u201d"
    assert seg.quote_at(text.index("The inquiry")) is None


def test_straight_quote_running_over_three_paragraphs():
    text = '"First we lost the factory.\n\n"Then we lost the school.\n\n"Now they want the library," said one resident.'
    seg = segment(text)
    assert [(q.closed, q.continues) for q in seg.quotes] == [(False, True), (False, True), (True, False)]
    assert [s.paragraph for s in seg.sentences] == [0, 1, 2]


def test_stray_quote_mark_does_not_swallow_the_article():
    text = (
        'The senator called the bill "a disgrace. It will fail.\n\n'
        "Later, the committee voted. Members left early.\n\n"
        'The chair said "enough" to reporters.'
    )
    seg = segment(text)
    stray = seg.quotes[0]
    assert not stray.closed and not stray.continues
    assert stray.end <= text.index("\n\n")
    assert seg.quote_at(text.index("committee voted")) is None
    assert seg.quote_at(text.index("Members")) is None
    assert quoted(text)[-1] == '"enough"'
    assert seg.quotes[-1].closed


def test_stray_closing_curly_mark_is_ignored():
    text = "The plan\u201d was shelved. She said \u201cno\u201d twice."
    assert quoted(text) == ["\u201cno\u201d"]


def test_quote_at():
    text = 'Aides said "the deal is dead" on Monday.'
    seg = segment(text)
    open_mark = text.index('"')
    close_mark = text.rindex('"')
    span = seg.quote_at(text.index("deal"))
    assert span == QuoteSpan(open_mark, close_mark + 1)
    assert seg.quote_at(open_mark) == span
    assert seg.quote_at(close_mark) == span
    assert seg.quote_at(close_mark + 1) is None
    assert seg.quote_at(0) is None
    assert seg.quote_at(len(text)) is None


def test_quote_at_picks_the_right_quote_of_several():
    text = '"Yes," said one. "No," said another. "Maybe," said a third.'
    seg = segment(text)
    span = seg.quote_at(text.index("No"))
    assert text[span.start : span.end] == '"No,"'
    assert seg.quote_at(text.index("said another")) is None


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("WASHINGTON \u2014 The senator opposes the plan.", "The senator opposes the plan."),
        ("NEW YORK (AP) \u2014 The mayor spoke.", "The mayor spoke."),
        ("New York (AFP) \u2013 Vice President Ana Ruiz spoke.", "Vice President Ana Ruiz spoke."),
        ("LONDON (Reuters) - Britain opposes the plan.", "Britain opposes the plan."),
        ("Intro line.\n\nBERLIN \u2014 The chancellor spoke.", "Intro line."),
    ],
)
def test_a_dateline_is_left_out_of_the_sentence(text, first):
    found = segment(text).sentences
    assert found[0].text == first
    assert all("\u2014 The" not in s.text and "(A" not in s.text for s in found)
    assert all(text[s.start : s.end] == s.text for s in found)


@pytest.mark.parametrize(
    "text",
    [
        "Trump \u2014 who was late \u2014 spoke.",
        "US - China talks resume.",
        "The plan \u2014 a bold one \u2014 passed.",
    ],
)
def test_a_dash_after_an_opening_name_is_not_a_dateline(text):
    assert sentences(text) == [text]


def test_two_apostrophes_mark_a_quote_that_ends_a_paragraph():
    text = "''We back the plan,'' she said. ''It is fair.''\nThe vote is today."
    found = segment(text)
    assert [text[q.start : q.end] for q in found.quotes] == ["''We back the plan,''", "''It is fair.''"]
    assert [s.paragraph for s in found.sentences] == [0, 0, 1]


def test_a_quote_that_opens_again_after_a_sentence_ends_the_one_before():
    # A long quote whose sentences each open with a mark and only the last closes: the quote
    # marks must not pair across the sentences, which would leave its middle outside the quote
    # and the narrative after it inside one.
    text = (
        'Aides said: "The ferry plan is dead. "The harbour will stay shut." '
        "Later, the mayor urged calm.\n\nThe vote is next week."
    )
    seg = segment(text)
    assert quoted(text) == ['"The ferry plan is dead.', '"The harbour will stay shut."']
    assert seg.quote_at(text.index("Later")) is None
    assert seg.quote_at(text.index("harbour")) is not None


def test_a_mark_after_a_comma_and_a_space_still_closes_a_scare_quote():
    text = 'She called the levy "a tax on the poor, "and voted against it.'
    assert quoted(text)[0] == '"a tax on the poor, "'
