"""A topic that points ("the plan", "the bill", "it") is keyed by what it refers to in its document."""

from __future__ import annotations

from stancekit import Document, Matcher, antecedents, load_rules

MATCHER = Matcher(load_rules().compile())


def topic_keys(text: str, doc: str = "local/12") -> dict[str, str | None]:
    """The topic key of each finding of `text`, by the topic as written."""
    return {f.topic.text: f.topic.key for f in MATCHER.scan(Document(doc, text))}


def test_a_pointing_noun_takes_the_key_of_the_earlier_phrase_with_its_head() -> None:
    keys = topic_keys("The council published a library closure plan on Monday. Readers oppose the plan.")
    assert keys["the plan"] == "library closure"


def test_a_pointing_noun_takes_what_an_earlier_frame_plans() -> None:
    keys = topic_keys("Ministers announced plans to close rural post offices. Villagers strongly oppose the plans.")
    assert keys["the plans"] == "close rural post office"


def test_an_earlier_phrase_that_says_no_more_than_its_head_is_passed_over() -> None:
    text = (
        "The council drew up proposals for a tram line. The proposals were delayed. "
        "Residents have rejected the proposals."
    )
    assert topic_keys(text)["the proposals"] == "tram line"


def test_a_pointing_noun_nothing_names_takes_the_issue_the_story_leads_with() -> None:
    text = (
        "Smoking ban splits landlords\n\n"
        "A ban on smoking in bars comes into force in the spring. Doctors say smoking kills thousands. "
        "Many landlords oppose the move."
    )
    assert topic_keys(text)["the move"] == "smoking"


def test_a_pointing_noun_stays_within_its_document_when_the_story_names_nothing() -> None:
    assert topic_keys("Many landlords oppose the move.", doc="local/12")["the move"] == "move@local/12"


def test_an_issue_that_only_sets_the_story_names_no_plan() -> None:
    text = (
        "Election race tightens\n\n"
        "The general election is six weeks away. The election will be close, polls say. "
        "Farmers oppose the plan."
    )
    assert topic_keys(text)["the plan"] == "plan@local/12"


def test_a_noun_that_a_clause_explains_is_not_pointed() -> None:
    text = (
        "Smoking ban splits landlords\n\n"
        "A ban on smoking in bars comes into force in the spring. Doctors say smoking kills thousands. "
        "Landlords reject the idea that trade will fall."
    )
    assert topic_keys(text)["the idea that trade will fall"] == "idea@local/12"


def test_a_pronoun_standing_alone_is_not_the_issue_of_the_story() -> None:
    """ "Oppose it" refers to the nearest thing named, seldom to what the story leads with."""
    text = (
        "Smoking ban splits landlords\n\n"
        "A ban on smoking in bars comes into force in the spring. Doctors say smoking kills thousands. "
        "Most landlords oppose it."
    )
    assert topic_keys(text)["it"] != "smoking"


def test_the_evidence_keeps_the_words_as_written() -> None:
    (found,) = [
        f
        for f in MATCHER.scan(Document("a", "The council published a library closure plan. Readers oppose the plan."))
        if f.topic.key == "library closure"
    ]
    assert found.topic.text == "the plan"


def test_a_ban_points_at_the_ban_named_before() -> None:
    keys = topic_keys("Councils want a ban on smoking in parks. Most smokers oppose the ban.")
    assert keys["the ban"] == "smoking"


def test_an_earlier_phrase_reduced_to_one_word_the_dictionary_does_not_know_says_too_little() -> None:
    """A "tracing and returns scheme" is keyed "return": another story's return is another issue."""
    text = "Ministers set up a tracing and returns scheme. Charities oppose the scheme."
    assert topic_keys(text)["the scheme"] == "scheme@local/12"


def test_a_long_document_is_read_a_stretch_at_a_time_that_still_reaches_back(monkeypatch) -> None:
    """A document longer than the whole-document limit is tokenised a stretch at a time: the phrase a
    pointing topic refers to is still found when it stands within the reach."""
    monkeypatch.setattr(antecedents, "ANTECEDENT_REACH_CHARS", 200)
    monkeypatch.setattr(antecedents, "WHOLE_DOCUMENT_CHARS", 400)
    filler = "Buses ran late on Monday. " * 12
    text = f"{filler}The council published a library closure plan on Monday. Readers oppose the plan. {filler}"
    assert len(text) > 400
    assert topic_keys(text)["the plan"] == "library closure"


def test_a_phrase_beyond_the_reach_of_a_long_document_is_not_looked_for(monkeypatch) -> None:
    monkeypatch.setattr(antecedents, "ANTECEDENT_REACH_CHARS", 200)
    monkeypatch.setattr(antecedents, "WHOLE_DOCUMENT_CHARS", 400)
    filler = "Buses ran late on Monday. " * 20
    text = f"The council published a library closure plan on Monday. {filler}Readers oppose the plan."
    assert topic_keys(text)["the plan"] == "plan@local/12"


def test_pointing_topics_of_one_story_read_each_word_and_each_earlier_phrase_once(monkeypatch) -> None:
    """A transcript that names "the plan" hundreds of times has each pointing topic look back
    through all of it: the work that takes must not grow with the number of topics times the
    length of the story."""
    lemmas, phrases = [], []
    counted_lemma, counted_phrase = antecedents.lemma, antecedents._phrase_around
    monkeypatch.setattr(antecedents, "lemma", lambda word, upos: lemmas.append(word) or counted_lemma(word, upos))
    monkeypatch.setattr(
        antecedents, "_phrase_around", lambda head, document: phrases.append(head) or counted_phrase(head, document)
    )
    speakers = [
        f"{first} {last}" for first in ("Ana", "Lena", "Mia", "Ivy") for last in ("Ruiz", "Marsh", "Stone", "Costa")
    ]
    filler = "The committee met again on Tuesday and heard from residents about parking. "
    text = "".join(f"{name} said she opposes the plan. {filler}" for name in speakers)
    found = [f for f in MATCHER.scan(Document("hearing/7", text)) if f.topic.text == "the plan"]
    assert len(found) == len(speakers)
    words = len(text.split())
    assert len(lemmas) < words + 10 * len(found)
    assert len(phrases) <= text.count(" plan")


def test_a_pointing_noun_that_says_whose_it_is_does_not_take_the_issue_of_the_story() -> None:
    """The rival chain's move is the chain's own, not the smoking ban the story leads with."""
    text = (
        "Smoking ban splits landlords\n\n"
        "A ban on smoking in bars comes into force in the spring. Doctors say smoking kills thousands. "
        "Many landlords criticised the brewery's move."
    )
    assert topic_keys(text)["the brewery's move"] == "move@local/12"


def test_a_pointing_noun_after_a_demonstrative_does_not_take_the_issue_of_the_story() -> None:
    text = (
        "Smoking ban splits landlords\n\n"
        "A ban on smoking in bars comes into force in the spring. Doctors say smoking kills thousands. "
        "Many landlords rejected that idea."
    )
    assert topic_keys(text)["that idea"] != "smoking"
