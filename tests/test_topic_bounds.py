"""Where a topic ends: a list of nouns is taken whole, up to its coordinated last item."""

from __future__ import annotations

import pytest

from stancekit import Document, Matcher, load_rules

MATCHER = Matcher(load_rules().compile())


def topics(sentence: str) -> list[str]:
    return [found.topic.text for found in MATCHER.scan(Document("d", sentence))]


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        (
            "The bishop urged candidates not to scare voters about crime, immigration, and taxes.",
            "scare voters about crime, immigration, and taxes",
        ),
        (
            "The senator backed the levy on sugar, salt and fat, but grocers were unconvinced.",
            "the levy on sugar, salt and fat",
        ),
        (
            "Before the election, Labour MP Ana Ruiz said councils should spend more on parks,"
            " libraries or the bus network, not on new offices.",
            "councils should spend more on parks, libraries or the bus network",
        ),
    ],
)
def test_a_list_of_nouns_is_taken_to_its_last_item(sentence: str, topic: str) -> None:
    assert topic in topics(sentence)


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        (
            "The mayor condemned the shelling of Ostrava, Brno, Plzen and Olomouc.",
            "the shelling of Ostrava, Brno, Plzen and Olomouc",
        ),
        (
            "Union leaders welcomed money for nursing, housing and schools.",
            "money for nursing, housing and schools",
        ),
        (
            "The envoy called for reform of the World Bank, the Paris Club and the IMF.",
            "reform of the World Bank, the Paris Club and the IMF",
        ),
        (
            "The bishop spoke out against contempt for migrants, refugees, Jews and all Muslims.",
            "contempt for migrants, refugees, Jews and all Muslims",
        ),
    ],
)
def test_a_list_may_hold_names_nouns_in_ing_and_determiners(sentence: str, topic: str) -> None:
    assert topic in topics(sentence)


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The senator praised the new governor, Ana Ruiz, and her budget.", "the new governor"),
        ("Ms Osei opposed the tax, the Trade and Industry Secretary has said.", "the tax"),
        (
            "Though the minister has attacked the levy in her speeches, aides and advisers will make the case.",
            "the levy in her speeches",
        ),
    ],
)
def test_a_name_after_a_noun_or_a_verb_after_the_list_ends_the_topic(sentence: str, topic: str) -> None:
    assert topic in topics(sentence)


def test_a_comma_before_a_new_clause_still_ends_the_topic() -> None:
    assert topics("Farmers oppose the new quota, the union said.") == ["the new quota"]


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The health secretary welcomed the scheme too.", "the scheme"),
        ("The teachers' union opposes the new exams as well.", "the new exams"),
    ],
)
def test_an_adverb_of_addition_is_no_part_of_the_topic(sentence: str, topic: str) -> None:
    assert topics(sentence) == [topic]


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The transport union opposes the merger, but regulators will decide.", "the merger"),
        ("The governor backed the new tariff, and the courts upheld it later.", "the new tariff"),
    ],
)
def test_a_comma_and_a_coordinator_without_a_list_end_the_topic(sentence: str, topic: str) -> None:
    assert topic in topics(sentence)


def test_a_second_share_of_a_poll_is_no_part_of_the_first_ones_topic() -> None:
    found = topics("In the survey, 38% of voters oppose the new treaty and 27% in favour.")
    assert "the new treaty" in found


def test_a_list_stops_before_a_verb_of_the_speakers_next_clause() -> None:
    found = topics("The Green party said it backed higher fuel duty, oppose new runways and support more trains.")
    assert "higher fuel duty" in found


def test_a_rate_after_an_amount_stays_in_the_topic() -> None:
    found = topics(
        "Before the election, Senator Ana Ruiz pledged to raise taxes on those earning more than $250,000 a year."
    )
    assert found == ["raise taxes on those earning more than $250,000 a year"]


def test_a_time_phrase_after_the_object_is_still_trimmed() -> None:
    assert topics("The council opposed the zoning plan last year.") == ["the zoning plan"]


def test_a_rate_after_a_converted_amount_stays_in_the_topic() -> None:
    found = topics("Before the election, Labour Senator Ana Ruiz pledged to invest $8bn (£4.2bn) a year over a decade.")
    assert found == ["invest $8bn (£4.2bn) a year"]


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Council members are furious at the company and want their money back.", "the company"),
        ("Some activists backed Ruiz and want Osei to step aside.", "Ruiz"),
        ("The nurses condemned the pay offer and hope to reopen the talks.", "the pay offer"),
    ],
)
def test_a_noun_phrase_topic_ends_before_the_subjects_next_verb(sentence: str, topic: str) -> None:
    assert topic in topics(sentence)


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("The minister backed the plan to cut taxes and raise spending.", "the plan to cut taxes and raise spending"),
        ("The union backed the pay deal and the new rota.", "the pay deal and the new rota"),
        (
            "Critics attacked the poster of Mr Howard and shadow chancellor Ana Ruiz.",
            "the poster of Mr Howard and shadow chancellor Ana Ruiz",
        ),
    ],
)
def test_a_coordinated_verb_inside_a_clause_or_before_a_role_stays(sentence: str, topic: str) -> None:
    assert topic in topics(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The mayor praised Ana Ruiz, whom she had attacked fiercely during the campaign.",
        "The plan was praised lavishly by the local papers.",
    ],
)
def test_an_adverb_before_a_preposition_is_no_topic(sentence: str) -> None:
    assert not any(t.startswith(("fiercely", "lavishly")) for t in topics(sentence))
