"""Tokens: exact offsets, clitics, numbers, abbreviations and the comparison form."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stancekit.engine.profile import default_profile
from stancekit.text.tokens import Token, normalise, split_words, tokenize


def surfaces(text: str) -> list[str]:
    return [t.text for t in tokenize(text)]


def lowers(text: str) -> list[str]:
    return [t.lower for t in tokenize(text)]


NEWS = (
    "Sen. Maria Alvarez won't back the $1,400 rebate, and Mr. O'Brien's aides can't say why. "
    "Inflation hit 3.5% in the 1990s\u2014a more-than-year-long slide\u2026 "
    "The U.S. team met at 9:30 a.m. on Jan. 5; John F. Kennedy's No. 1 fan didn\u2019t attend -- "
    "nor did the parents' group, Trump\u2019s allies or anyone who cannot vote."
)


def test_offsets_cut_every_token_out_of_the_text():
    tokens = tokenize(NEWS)
    assert tokens, "a news paragraph has tokens"
    for token in tokens:
        assert NEWS[token.start : token.end] == token.text
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)
    assert all(not t.text.isspace() and t.text for t in tokens)


def test_no_character_of_the_text_is_lost():
    """Every non-space character belongs to exactly one token."""
    covered = "".join(t.text for t in tokenize(NEWS))
    assert covered == "".join(NEWS.split())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They don't agree", ["They", "do", "n't", "agree"]),
        ("Ministers won't vote", ["Ministers", "wo", "n't", "vote"]),
        ("She can't support it", ["She", "ca", "n't", "support", "it"]),
        ("Voters cannot wait", ["Voters", "can", "not", "wait"]),
        ("Cannot, he said", ["Can", "not", ",", "he", "said"]),
        ("It isn't over", ["It", "is", "n't", "over"]),
        ("DON'T STOP", ["DO", "N'T", "STOP"]),
    ],
)
def test_negative_contractions_split_into_verb_and_clitic(text, expected):
    assert surfaces(text) == expected


def test_contraction_pieces_have_exact_offsets():
    text = "The mayor won't sign."
    wo, nt = tokenize(text)[2:4]
    assert (wo.text, wo.start, wo.end) == ("wo", 10, 12)
    assert (nt.text, nt.start, nt.end) == ("n't", 12, 15)


def test_curly_apostrophes_split_and_compare_as_straight():
    tokens = tokenize("Officials don\u2019t trust Trump\u2019s envoy")
    assert [t.text for t in tokens] == ["Officials", "do", "n\u2019t", "trust", "Trump", "\u2019s", "envoy"]
    assert [t.lower for t in tokens] == ["officials", "do", "n't", "trust", "trump", "'s", "envoy"]


def test_two_apostrophes_are_one_double_quote_mark():
    tokens = tokenize("''We won't back it,'' she said of rock 'n' roll.")
    assert [t.text for t in tokens][:4] == ["''", "We", "wo", "n't"]
    assert [t.lower for t in tokens if t.text == "''"] == ['"', '"']
    assert "'n'" not in [t.text for t in tokens] and "''" not in [t.text for t in tokens[8:]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trump's plan", ["Trump", "'s", "plan"]),
        ("O'Brien's office", ["O'Brien", "'s", "office"]),
        ("the parents' union", ["the", "parents", "'", "union"]),
        ("O'Neill said", ["O'Neill", "said"]),
        ("they're ready", ["they", "'re", "ready"]),
        ("we'll see", ["we", "'ll", "see"]),
    ],
)
def test_possessives_and_clitics(text, expected):
    assert surfaces(text) == expected


def test_curly_possessive_on_a_name_with_an_apostrophe():
    tokens = tokenize("O\u2019Brien\u2019s aides")
    assert [t.lower for t in tokens] == ["o'brien", "'s", "aides"]


def test_words_ending_in_not_are_not_split():
    assert surfaces("a tight knot") == ["a", "tight", "knot"]


@pytest.mark.parametrize(
    "word",
    ["more-than-year-long", "Ocasio-Cortez", "pro-Kremlin", "co-sponsor", "COVID-19", "e-mail"],
)
def test_hyphenated_words_stay_whole(word):
    assert surfaces(f"a {word} dispute") == ["a", word, "dispute"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("about 1,400 troops", "1,400"),
        ("up 3.5% since", "3.5%"),
        ("at 9:30 sharp", "9:30"),
        ("since the 1990s began", "1990s"),
        ("the 2nd round", "2nd"),
        ("a 1,250,000 shortfall", "1,250,000"),
    ],
)
def test_numbers_are_single_tokens(text, number):
    assert number in surfaces(text)


def test_number_at_sentence_end_leaves_the_full_stop_alone():
    assert surfaces("Turnout was 61.5.") == ["Turnout", "was", "61.5", "."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a $3.5bn package", ["a", "$", "3.5", "bn", "package"]),
        ("a 100km convoy", ["a", "100", "km", "convoy"]),
        ("rolling out 5G masts", ["rolling", "out", "5", "G", "masts"]),
        ("closing at 5p.m. today", ["closing", "at", "5", "p.m.", "today"]),
    ],
)
def test_digits_followed_by_letters_are_not_dropped(text, expected):
    """Regression: the number pattern backtracked and silently lost digits (`100km` -> `10`, `km`)."""
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    "abbreviation",
    ["U.S.", "U.N.", "Mr.", "Mrs.", "Dr.", "Sen.", "Gov.", "Rep.", "Jan.", "a.m.", "p.m."],
)
def test_abbreviations_keep_their_period(abbreviation):
    text = f"The {abbreviation} Smith case"
    assert surfaces(text) == ["The", abbreviation, "Smith", "case"]


@pytest.mark.parametrize(
    ("abbreviations", "text", "expected"),
    [
        # a pack's abbreviations of letters alone, and ones written with a space or a period
        (frozenset({"Prof"}), "Prof. Okafor agreed.", ["Prof.", "Okafor", "agreed", "."]),
        (frozenset({"Prof", "et al"}), "Okafor et al. agreed.", ["Okafor", "et al.", "agreed", "."]),
        (frozenset({"Ph.D"}), "a Ph.D. student", ["a", "Ph.D.", "student"]),
    ],
)
def test_a_packs_abbreviations_keep_their_period_however_written(abbreviations, text, expected):
    profile = replace(default_profile(), title_abbreviations=abbreviations, other_abbreviations=frozenset())
    assert [t.text for t in tokenize(text, profile=profile)] == expected


def test_initials_and_number_sign_keep_their_period():
    assert surfaces("John F. Kennedy") == ["John", "F.", "Kennedy"]
    assert surfaces("ranked No. 1") == ["ranked", "No.", "1"]


def test_ordinary_sentence_final_period_is_its_own_token():
    assert surfaces("They voted no.") == ["They", "voted", "no", "."]
    assert surfaces("No, she said.")[:2] == ["No", ","]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he paused... then left", ["he", "paused", "...", "then", "left"]),
        ("he paused\u2026 then left", ["he", "paused", "\u2026", "then", "left"]),
        ("the vote -- a formality -- passed", ["the", "vote", "--", "a", "formality", "--", "passed"]),
        ("the vote\u2014a formality\u2014passed", ["the", "vote", "\u2014", "a", "formality", "\u2014", "passed"]),
    ],
)
def test_ellipses_and_dashes_are_single_tokens(text, expected):
    assert surfaces(text) == expected


def test_sub_range_offsets_point_into_the_whole_text():
    text = "Headline here. The governor won't sign the bill. Another sentence."
    start = text.index("The governor")
    end = text.index(" Another")
    tokens = tokenize(text, start, end)
    assert [t.text for t in tokens] == ["The", "governor", "wo", "n't", "sign", "the", "bill", "."]
    assert tokens[0].start == start
    assert tokens[-1].end == end
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_sub_range_without_end_runs_to_the_end_of_the_text():
    text = "Ignored. Kept words"
    assert [t.text for t in tokenize(text, 9)] == ["Kept", "words"]


def test_lower_is_lower_case():
    assert lowers("The SENATE Voted") == ["the", "senate", "voted"]


def test_token_properties():
    capital, number, punct = tokenize("Berlin 42 !")
    assert capital.is_capitalised and not capital.is_number and not capital.is_punct
    assert number.is_number and not number.is_capitalised
    assert punct.is_punct
    assert isinstance(capital, Token)


def test_normalise_lowercases_and_straightens_apostrophes():
    assert normalise("Don\u2019t Back The Deal") == "don't back the deal"


@pytest.mark.parametrize("text", ["\u0130stanbul\u2019s mayor", "Stra\u00dfe", "\u0130\u0130 OK", "\u2019\u2019"])
def test_normalise_keeps_the_length(text):
    assert len(normalise(text)) == len(text)


def test_normalise_lowercases_the_rest_of_a_string_with_dotted_capital_i():
    """'İ'.lower() is two characters; only it is left alone, not the whole string."""
    assert normalise("\u0130STANBUL PROTEST") == "\u0130stanbul protest"
    token = tokenize("\u0130STANBUL")[0]
    assert len(token.lower) == len(token.text)


def test_normalise_offsets_match_the_original():
    text = "Mayor of \u0130stanbul REJECTS \u2018plan\u2019"
    position = normalise(text).index("rejects")
    assert text[position : position + 7] == "REJECTS"


def test_split_words_uses_the_comparison_forms():
    assert split_words("Don\u2019t back") == ["do", "n't", "back"]
    assert split_words("the U.S. plan") == ["the", "u.s.", "plan"]
    assert split_words("more-than-year-long") == ["more-than-year-long"]
