"""The scan: captures, polarity modifiers, overlap resolution, the prefilter and finding ids."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stancekit import Document, Matcher, load_rules
from stancekit.compiler.program import ProgramBuilder
from stancekit.dsl.parser import parse_pattern
from stancekit.engine.sentence import SentenceContext
from stancekit.engine.vm import find_matches
from stancekit.text.documents import iter_documents
from stancekit.text.tokens import tokenize

ROOT = Path(__file__).resolve().parents[1]
PACK = load_rules()
COMPILED = PACK.compile()
MATCHER = Matcher(COMPILED)


def scan(text: str):
    return [(f.actor.text, f.polarity, f.topic.text) for f in MATCHER.scan(text)]


def write_rules(tmp_path: Path, rules: list[dict], lexicons: dict | None = None) -> Path:
    path = tmp_path / "rules.yaml"
    document = {"stancekit": 1, "lexicons": lexicons or {}, "rules": rules}
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    return path


# -- captures ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("The United States opposes the plan.", "The United States"),
        (
            "National Security Council spokesman John Kirby opposes the plan.",
            "National Security Council spokesman John Kirby",
        ),
        ("The White House opposes the plan.", "The White House"),
        ("The Tories oppose the plan.", "The Tories"),
        ("Republican lawmakers oppose the plan.", "Republican lawmakers"),
        ("Sen. Jane Park (D-Ore.) opposes the plan.", "Sen. Jane Park (D-Ore.)"),
        ("Britain, France and Germany oppose the plan.", "Britain, France and Germany"),
        ("Dozens of mayors oppose the plan.", "Dozens of mayors"),
        ("They oppose the plan.", "They"),
        ("Say Mexico opposes the plan.", "Mexico"),
        ("Leo Park, 53, a security guard at a casino, opposes the plan.", "Leo Park, 53, a security guard at a casino"),
        ("Ana Ruiz, a retiree in Carthage, Ill., opposes the plan.", "Ana Ruiz, a retiree in Carthage, Ill."),
        ("Some oppose the plan.", "Some"),
        ("But the union has promised higher wages to every worker in the sector, opposed the plan.", "the union"),
        ("A union representing flight attendants opposes the plan.", "A union representing flight attendants"),
        ("Lawyers representing the city oppose the plan.", "Lawyers representing the city"),
        ("A coalition led by former diplomats opposes the plan.", "A coalition led by former diplomats"),
        ("BANK OF AMERICA opposes the plan.", "BANK OF AMERICA"),
        ("She and her husband oppose the plan.", "She and her husband"),
        ("He and Senator Ruiz oppose the plan.", "He and Senator Ruiz"),
        ("The New York businessman opposes the plan.", "The New York businessman"),
        ("About 6 in 10 white men oppose the plan.", "About 6 in 10 white men"),
        ("Thirty-seven percent oppose the plan.", "Thirty-seven percent"),
        ("Some of them oppose the plan.", "Some of them"),
        ("A majority of those polled oppose the plan.", "A majority of those polled"),
        ("In March, 57 of the 71 delegates opposed the plan.", "57 of the 71 delegates"),
        ("Since then 12 of the senators have opposed the plan.", "12 of the senators"),
        ("Section 404 of the Sox Act, as the law is known, calls for yearly audits.", "the Sox Act"),
    ],
)
def test_actor_spans(sentence, actor):
    assert [a for a, _, _ in scan(sentence)] == [actor]


def test_actor_with_appositive_keeps_the_name_as_display_name():
    [finding] = MATCHER.scan("Ana Ruiz, the country's trade minister, opposes the plan.")
    assert finding.actor.text == "Ana Ruiz, the country's trade minister"
    assert finding.actor.name == "Ana Ruiz"


def test_relative_pronoun_actor_is_named_after_its_antecedent():
    [finding] = MATCHER.scan("The union, which backs the plan, met on Monday.")
    assert (finding.actor.text, finding.actor.name, finding.actor.via) == ("which", "union", "pronoun")


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The council debated the new cycle lane, which most residents support.", "the new cycle lane"),
        ("The mayor named Ana Ruiz, whom most council members have backed, as her deputy.", "Ana Ruiz"),
    ],
)
def test_a_relative_pronoun_topic_is_named_after_what_it_stands_for(sentence, name):
    [finding] = [f for f in MATCHER.scan(sentence) if f.polarity == "support"]
    assert finding.topic.text.lower() in ("which", "whom")
    assert finding.topic.name == name


def test_a_second_relative_clause_after_and_refers_to_the_same_antecedent():
    [finding] = MATCHER.scan("The union, which was founded in 1990 and which backs the plan, met on Monday.")
    assert (finding.actor.text, finding.actor.name, finding.topic.text) == ("which", "union", "the plan")
    assert MATCHER.scan("The results were close and which backs the plan is unclear.") == []


@pytest.mark.parametrize(
    ("sentence", "topic"),
    [
        ("Germany supports the new sanctions package.", "the new sanctions package"),
        ("Germany supports the package, saying it is overdue.", "the package"),
        ("Germany supports the package but France does not.", "the package"),
        ("Germany supports the package because it is fair.", "the package"),
        ("Germany supports the package; France objects.", "the package"),
        ("Germany supports the idea that banks should pay more.", "the idea that banks should pay more"),
        ("Germany's support for the package surprised diplomats.", "the package"),
        ("Germany approved the package on Monday.", "the package"),
        ("Germany approved the package despite fierce protests.", "the package"),
        ("Germany approved the package amid warnings from bankers.", "the package"),
        ("Germany rejected rumours he said were false.", "rumours"),
        ("Germany rejected the report after we said so.", "the report"),
        ("Germany rejected it.", "it"),
        ("Germany condemned the plan as reckless.", "the plan"),
        ("Germany criticised the bank for claiming the loans were safe.", "the bank"),
        ("Germany criticised a banker who said the loans were safe.", "a banker"),
        ("Germany supports the plans as the bankers said.", "the plans"),
        ("Germany supports allies such as France.", "allies such as France"),
        ("Germany supports sanctions as well as talks.", "sanctions as well as talks"),
        ("Germany supports Ana Ruiz acting as chair.", "Ana Ruiz acting as chair"),
        ("Nurses voted to strike over pay for two days on 9 March.", "strike over pay"),
        ("Nurses voted to strike over pay for one day on 9 March.", "strike over pay"),
        ("The mayor disliked super PACs but endorsed one in May.", "one"),
        ("The minister spurns the landlords and the agents and later met tenants.", "the landlords and the agents"),
        (
            "The group supports replacing the council with a largely elected assembly.",
            "replacing the council with a largely elected assembly",
        ),
        ("The mayor urged the ministers to resign in a letter to the board.", "the ministers to resign"),
        ("The mayor defended the budget against criticism from her own party.", "the budget"),
        ("The council backed the levy even though traders had asked for a delay.", "the levy"),
        (
            'The mayor says she is "standing by" her remarks which compared the board to a "closed shop".',
            'her remarks which compared the board to a "closed shop"',
        ),
        ('The mayor accused the board of "running scared" of the vote.', 'the board of "running scared" of the vote'),
        ("Police dismissed its influence and Ravenfall was not part of the case.", "its influence"),
    ],
)
def test_topic_ends_at_a_clause_boundary(sentence, topic):
    assert [t for _, _, t in scan(sentence)] == [topic]


@pytest.mark.parametrize(
    "sentence",
    [
        "He protests every day.",
        "The nurses campaigned against last week.",
        "Employees protested outside the company's stores.",
        "The governor later walked back his comments.",
        "He was back home visiting Louisville.",
        "Gamers can exchange dollars into credits and back again into real money.",
        "He played one of history's most celebrated leaders.",
        "The Orlando attack now ranks as the deadliest.",
        "She won 12 Grand Slam singles titles.",
        "The envoy sent people back so talks could resume.",
    ],
)
def test_a_verb_without_an_object_states_no_stance(sentence):
    assert scan(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The bank agreed to buy its smaller rival for $2bn.", []),
        ("The retailer agreed to sell its stores in France.", []),
        (
            "The council agreed to pay compensation to the flooded families.",
            [("The council", "support", "pay compensation to the flooded families")],
        ),
        ("Ministers agreed to cut the fuel tax.", [("Ministers", "support", "cut the fuel tax")]),
    ],
)
def test_a_deal_agreed_is_commerce_not_a_stance(sentence, expected):
    assert scan(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "She never thought she would win the Grand Slams anymore.",
        "A run of Grand Slams chances went begging for the side this spring.",
    ],
)
def test_a_capitalised_cue_after_a_name_in_running_text_is_part_of_the_name(sentence):
    assert scan(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Union Leader Slams Pension Reform", ("Union Leader", "oppose", "Pension Reform")),
        # a headline run into the story's first words by a scraper
        (
            "Union Leader Slams Pension Reform as talks stall in the capital.",
            ("Union Leader", "oppose", "Pension Reform"),
        ),
        (
            "WORKERS UNION SLAMS PENSION REFORM, the paper reported on Monday.",
            ("WORKERS UNION", "oppose", "PENSION REFORM"),
        ),
    ],
)
def test_a_capitalised_cue_in_a_headline_is_still_a_verb(sentence, expected):
    assert scan(sentence) == [expected]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Polls showed Mr. Trump's support lagging far behind.", []),
        ("She's supporting the plan.", [("She", "support", "the plan")]),
    ],
)
def test_after_a_possessive_s_a_bare_stance_word_is_a_noun(sentence, expected):
    assert scan(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Women back him by almost 20 points.", "Women"),
        ("Why does Israel refuse to sign the treaty?", "Israel"),
        ("Trump will attack the plan.", "Trump"),
    ],
)
def test_a_bare_verb_after_a_name_is_kept_where_grammar_allows_it(sentence, actor):
    assert [a for a, _, _ in scan(sentence)] == [actor]


@pytest.mark.parametrize(
    "sentence",
    [
        # an event named by its place: "the Madrid attacks" are no one's attacks on anything
        "Some say the Madrid attacks pushed voters toward the government.",
        "The Lagos attacks hardened opinion against the ceasefire.",
    ],
)
def test_the_place_before_a_plural_event_noun_names_the_event_not_an_actor(sentence):
    assert [a for a, _, _ in scan(sentence) if "Madrid" in a or "Lagos" in a] == []


def test_the_body_before_a_plural_verb_still_takes_the_stance():
    assert [a for a, _, _ in scan("The Kremlin backs the new ceasefire plan.")] == ["The Kremlin"]


def test_a_clause_with_its_own_subject_is_no_aside_and_a_month_no_actor():
    sentence = "After the report came out in May, she has tacked to the left, criticizing the pipeline."
    assert [a for a, _, _ in scan(sentence)] == ["she"]


def test_a_reported_clause_keeps_its_own_subject_for_its_second_verb():
    findings = scan("Polls show that majorities favor letting people stay and also oppose the plan.")
    assert findings == [("majorities", "support", "letting people stay"), ("majorities", "oppose", "the plan")]


def test_a_topic_before_its_verb_is_a_noun_phrase_not_a_participle():
    findings = scan("The project has also begun to attract criticism from environmentalists in the region.")
    assert findings == [("environmentalists in the region", "oppose", "The project")]


def test_an_adverb_alone_is_no_topic():
    topics = [
        t for _, _, t in scan("The merger, which was announced on Monday, immediately drew criticism from unions.")
    ]
    assert "immediately" not in topics


@pytest.mark.parametrize(
    ("sentence", "finding"),
    [
        ("Spain backs Italy.", ("Spain", "support", "Italy")),
        ("The council supports Kelly.", ("The council", "support", "Kelly")),
        ("Ms Reyes criticised Wembley.", ("Ms Reyes", "oppose", "Wembley")),
    ],
)
def test_a_name_ending_like_an_adverb_is_a_topic(sentence, finding):
    """An adverb is known by its ending in lower case: a name that ends so is written with a
    capital."""
    assert scan(sentence) == [finding]


@pytest.mark.parametrize(
    "sentence",
    [
        "The senator has not voted for yet.",
        "The union has endorsed late.",
        "She wants to oppose instead.",
        "The pupils defended fairly well.",
    ],
)
def test_an_adverb_no_verb_takes_as_its_object_is_no_topic(sentence):
    assert scan(sentence) == []


def test_defeating_someone_is_a_stance_in_a_political_story_and_a_result_in_a_match_report():
    purpose = "Reyes trained for months to defeat Okafor."
    match_report = "Reyes won the tournament on Sunday. " + purpose
    political = "The minister faced MPs over the tax rise before the election. " + purpose
    assert ("Reyes", "oppose", "Okafor") not in scan(match_report)
    assert ("Reyes", "oppose", "Okafor") in scan(political)


def test_a_demonstrative_topic_is_not_a_time_phrase():
    assert scan("This was rejected by the club.") == [("the club", "oppose", "This")]


def test_a_heading_in_capitals_is_not_an_actor():
    text = "CONGRESS HAS QUESTIONED HIM — he appeared at a hearing for his role in promoting diet pills."
    assert all("HAS" not in actor for actor, _, _ in scan(text))


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("Analysts noted near-universal voter support for expanded checks.", None),
        ("The friendly audience heard Ruiz's attacks on the plan.", "Ruiz"),
        ("Biden was weighing a public endorsement of his own.", None),
        ("Officials expect continued US support for the alliance.", "US"),
        ("Officials dismissed Chinese calls for a ceasefire.", "Chinese"),
        ("The mayors are known for their firm commitment to transit.", "their"),
    ],
)
def test_a_noun_stance_is_held_by_a_possessive_or_a_name_not_an_adjective(sentence, actor):
    held = [a for a, _, _ in scan(sentence) if a not in ("Analysts", "Officials")]
    assert held == ([actor] if actor else [])


def test_topic_inside_a_quote_ends_with_the_quote():
    [finding] = MATCHER.scan('"We support the ceasefire" Ms. Ruiz said on Monday.')
    assert finding.topic.text == "the ceasefire"
    assert finding.quoted


# -- polarity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "polarity", "negated"),
    [
        ("Germany does not support the package.", "oppose", True),
        ("Germany doesn’t support the package.", "oppose", True),
        ("Germany never backed the package.", "oppose", True),
        ("Germany no longer supports the package.", "oppose", True),
        ("Germany refused to endorse the package.", "oppose", True),
        ("Germany did not oppose the package.", "neutral", True),
        ("Germany hasn't yet backed the package.", "oppose", True),
        ("Germany supports the package.", "support", False),
    ],
)
def test_negation_in_scope_flips_polarity(sentence, polarity, negated):
    [finding] = MATCHER.scan(sentence)
    assert (finding.polarity, finding.negated) == (polarity, negated)


def test_negation_outside_the_cue_clause_does_not_count():
    findings = MATCHER.scan("Iceland is not party to the deal and has rejected calls to cut catches.")
    assert [(f.polarity, f.negated) for f in findings] == [("oppose", False)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Germany may support the package.",
        "Germany might back the package.",
        "Germany could endorse the package.",
        "Germany would consider backing the package.",
        "Germany reportedly supports the package.",
    ],
)
def test_hedges_mark_without_flipping(sentence):
    findings = MATCHER.scan(sentence)
    assert findings, sentence
    assert all(f.hedged and f.polarity == "support" for f in findings)


def test_passive_is_not_read_as_active():
    assert scan("Cruz was endorsed last week by the governor.") == [("the governor", "support", "Cruz")]


# -- overlaps ------------------------------------------------------------------------------


def test_refusal_of_a_stance_is_reported_once_as_its_negation():
    assert scan("The union refused to endorse the pay deal.") == [("The union", "oppose", "the pay deal")]


def test_two_stances_of_one_actor_split_the_topic():
    assert scan("The minister criticised the tax and praised the subsidy.") == [
        ("The minister", "oppose", "the tax"),
        ("The minister", "support", "the subsidy"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The minister criticised deals such as the Atlantic Fisheries Pact and called for new quotas.",
        "The minister, in particular, criticised the fisheries deals and called for new quotas.",
    ],
)
def test_a_second_verb_phrase_after_a_name_or_an_aside_is_its_own_stance(sentence):
    findings = scan(sentence)
    assert [(a, p) for a, p, _ in findings] == [("The minister", "oppose"), ("The minister", "support")]
    assert findings[1][2] == "new quotas"
    assert "called" not in findings[0][2]


def test_a_stance_inside_another_actors_topic_is_kept():
    assert scan("The United States opposes Chinese calls for a ceasefire.") == [
        ("The United States", "oppose", "Chinese calls for a ceasefire"),
        ("Chinese", "support", "a ceasefire"),
    ]


def test_most_specific_rule_wins_and_priority_overrides(tmp_path):
    rules = [
        {"id": "generic", "pattern": "{actor:ACTOR} back {topic:TOPIC}", "polarity": "support"},
        {"id": "specific", "pattern": "{actor:ACTOR} back 'the' {topic:TOPIC}", "polarity": "support"},
    ]
    matcher = Matcher(load_rules([write_rules(tmp_path, rules)]).compile())
    [finding] = matcher.scan("The party backed the plan.")
    assert (finding.rule.id, finding.topic.text) == ("specific", "plan")
    rules[0]["priority"] = 5
    matcher = Matcher(load_rules([write_rules(tmp_path, rules)]).compile())
    [finding] = matcher.scan("The party backed the plan.")
    assert (finding.rule.id, finding.topic.text) == ("generic", "the plan")


def test_a_topic_after_a_gap_is_kept_even_when_it_reads_as_a_time_or_an_adverb(tmp_path):
    rules = [{"id": "gap", "pattern": "{actor:ACTOR} back [any]{,3} {topic:TOPIC}", "polarity": "support"}]
    matcher = Matcher(load_rules([write_rules(tmp_path, rules)]).compile())
    assert [f.rule.id for f in matcher.scan("Ruiz backs the ministers tariff the year.")] == ["gap"]
    assert [f.rule.id for f in matcher.scan("Ruiz backs the public ban only while only voters.")] == ["gap"]


def test_same_actor_topic_and_polarity_from_two_rules_is_reported_once(tmp_path):
    rules = [
        {"id": "one", "pattern": "{actor:ACTOR} support {topic:TOPIC}", "polarity": "support"},
        {"id": "two", "pattern": "{actor:ACTOR} 'supports' {topic:TOPIC}", "polarity": "support"},
    ]
    matcher = Matcher(load_rules([write_rules(tmp_path, rules)]).compile())
    assert len(matcher.scan("Germany supports the package.")) == 1


# -- findings ------------------------------------------------------------------------------


def test_offsets_cut_the_evidence_out_of_the_document():
    text = "Headline here\n\nBerlin, Jan. 5 - Germany’s chancellor said on Monday that Germany\nsupports the package."
    [finding] = MATCHER.scan(Document("doc-1", text, date="2024-01-05"))
    for part in (finding.sentence, finding.actor, finding.topic, finding.cue):
        assert text[part.start : part.end] == part.text
    assert finding.doc == "doc-1" and finding.date == "2024-01-05"
    assert finding.rule.file == "rules/en/support_verbs.yaml"
    assert finding.ruleset == COMPILED.hash


def test_finding_ids_are_stable_across_unrelated_rule_changes(tmp_path):
    text = "Germany supports the package. France rejects the treaty."
    base = [{"id": "pro", "pattern": "{actor:ACTOR} support {topic:TOPIC}", "polarity": "support"}]
    extra = [*base, {"id": "con", "pattern": "{actor:ACTOR} reject {topic:TOPIC}", "polarity": "oppose"}]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = Matcher(load_rules([write_rules(tmp_path / "a", base)]).compile()).scan(text)
    second = Matcher(load_rules([write_rules(tmp_path / "b", extra)]).compile()).scan(text)
    assert first[0].id == second[0].id
    assert len({f.id for f in second}) == 2


# -- the prefilter never changes results ----------------------------------------------------


def _findings_both_ways(documents):
    with_prefilter = Matcher(COMPILED)
    without = Matcher(COMPILED, prefilter=False)
    a = [f.to_dict() for d in documents for f in with_prefilter.scan(d)]
    b = [f.to_dict() for d in documents for f in without.scan(d)]
    return a, b


def test_prefilter_gives_the_same_findings_on_the_sample_corpus():
    documents = list(iter_documents([ROOT / "samples" / "news"]))
    a, b = _findings_both_ways(documents)
    assert a == b
    assert a, "the sample corpus has findings"


def test_prefilter_gives_the_same_findings_with_two_apostrophe_quotes():
    text = "''We don't back the plan,'' Ana Ruiz said. ''I oppose it,'' she added. Critics of it include Leo Park."
    a, b = _findings_both_ways([Document("doc", text)])
    assert a == b
    assert [(f["actor"]["name"], f["quoted"]) for f in a] == [
        ("Ana Ruiz", True),
        ("Ana Ruiz", True),
        ("Leo Park", False),
    ]


WORDS = [
    "Germany",
    "the",
    "union",
    "The",
    "Senate",
    "don't",
    "doesn’t",
    "can't",
    "won't",
    "cannot",
    "not",
    "never",
    "supports",
    "backed",
    "endorse",
    "oppose",
    "rejects",
    "called",
    "for",
    "calls",
    "against",
    "voted",
    "urged",
    "its",
    "support",
    "opposition",
    "to",
    "of",
    "Trump's",
    "Clinton’s",
    "who",
    "which",
    ",",
    ".",
    '"',
    "“",
    "”",
    "plan",
    "deal",
    "tax",
    "and",
    "but",
    "is",
    "was",
    "by",
    "backing",
    "criticised",
    "U.S.",
    "Mr.",
    "well-known",
    "anti-war",
    "no",
    "longer",
    "refused",
    "praise",
    "welcome",
    "in",
    "favour",
    "opposed",
    "ist",
    "backs-up",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25), min_size=1, max_size=4),
    st.sampled_from([" ", "  ", "\n", " \n"]),
)
def test_prefilter_gives_the_same_findings_on_generated_text(sentences, gap):
    text = gap.join(" ".join(words) for words in sentences)
    a, b = _findings_both_ways([Document("generated", text)])
    assert a == b


QUOTE_CUT_RULES = """\
stancekit: 1
phrases:
  OPENER:
    pattern: "a review '\\"'? once? the? talks? and?"
rules:
  - id: t.promise
    pattern: "{actor:ACTOR} backed {topic:OPENER}"
    polarity: support
"""


def scan_opener(tmp_path: Path, text: str):
    path = tmp_path / "quote_cut.yaml"
    path.write_text(QUOTE_CUT_RULES, encoding="utf-8")
    return [f.topic.text for f in Matcher(load_rules([path]).compile()).scan(text)]


def test_a_topic_that_opens_a_quote_runs_to_its_closing_mark(tmp_path):
    text = 'Ms. Ruiz backed a review "once the talks are over", she told reporters.'
    assert scan_opener(tmp_path, text) == ['a review "once the talks are over"']


def test_a_topic_cut_inside_a_quote_that_never_closes_ends_before_the_mark(tmp_path):
    assert scan_opener(tmp_path, 'Ms. Ruiz backed a review "once the talks end.') == ["a review"]


def test_a_topic_does_not_end_on_a_coordinator(tmp_path):
    assert scan_opener(tmp_path, "Ms. Ruiz backed a review and then left.") == ["a review"]


# -- the walk -------------------------------------------------------------------------------


def test_a_match_through_thousands_of_optional_tokens_is_found():
    """A walk recurses along the path it takes through the program: a pattern of 4,000
    optional tokens, matched through all of them, does not run out of stack."""
    program, entry = ProgramBuilder().build(parse_pattern(" ".join(["[any]?"] * 4000) + ' "plan"'))
    tokens = tokenize("the " * 4000 + "plan")
    found = find_matches(program, entry, SentenceContext(tokens))
    assert [(m.start, m.end) for m in found] == [(0, 4001)]
