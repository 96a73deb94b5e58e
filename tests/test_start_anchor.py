"""What the compiler proves a match must hold near its start, and the rules a sentence is not
tried with: skipping work never changes what is found."""

from __future__ import annotations

import pytest

from stancekit.compiler.program import ProgramBuilder, start_anchor
from stancekit.compiler.triggers import requirements
from stancekit.dsl.parser import parse_pattern
from stancekit.engine.captures import SentenceContext
from stancekit.engine.vm import find_matches
from stancekit.text.tokens import tokenize


def anchor_of(pattern: str):
    program, entry = ProgramBuilder().build(parse_pattern(pattern))
    return start_anchor(program, entry)


@pytest.mark.parametrize(
    ("pattern", "words", "reach"),
    [
        ('"should" [any]', {"should"}, 0),
        ('[cap] [lower]? "should"', {"should"}, 2),
        ('[lower]{0,9} [cap] ("should" | "must") [any]', {"should", "must"}, 10),
        ('("the" | "a")? [lower]{0,3} ("voters" | "senators")', {"voters", "senators"}, 4),
    ],
)
def test_a_word_every_match_holds_is_found_with_how_far_it_can_stand_from_the_start(pattern, words, reach):
    assert anchor_of(pattern) == (frozenset(words), reach)


@pytest.mark.parametrize("pattern", ["[cap] [lower]*", '{who:ACTOR} "should"', '"should"? [cap]', '"should" | [num]'])
def test_a_pattern_with_no_word_at_a_bounded_distance_has_no_anchor(pattern):
    assert anchor_of(pattern) is None


def test_starts_too_far_from_the_anchor_word_are_skipped_and_the_matches_stay_the_same():
    pattern = '[lower]{0,4} [cap] "should"'
    program, entry = ProgramBuilder().build(parse_pattern(pattern))
    tokens = tokenize("the tax rise that the new Council should reject and the old Council should keep")
    plain = find_matches(program, entry, SentenceContext(tokens))
    anchored = find_matches(program, entry, SentenceContext(tokens), anchor=start_anchor(program, entry))
    assert [(m.start, m.end) for m in anchored] == [(m.start, m.end) for m in plain] == [(2, 8), (8, 14)]


def test_a_word_every_option_of_a_pattern_requires_is_required():
    tree = parse_pattern("[cap] ',' with [num] percent support | [cap] ',' with [num] percent of the vote")
    assert frozenset({"with"}) in requirements(tree)


def test_a_deeply_nested_pattern_gets_its_anchor_however_deep_its_program() -> None:
    """Found by the long Hypothesis profile: repeats inside repeats compile to a program of
    thousands of instructions, whose anchor was worked out one recursive call per instruction
    and ran out of stack under a test runner's own frames."""
    import sys

    body = "( !'a'{0,2} [any]{0,2} [cap] [num]{1,3} | $ $ ^ !'a'{0,2} )"
    pattern = f"( ( {body}* | {body}{{0,2}} )* | ( [cap]{{1,3}} | ^ [num]* ) )"
    program, entry = ProgramBuilder().build(parse_pattern(pattern))
    assert len(program) > 2000
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(600)
    try:
        found = start_anchor(program, entry)
    finally:
        sys.setrecursionlimit(limit)
    assert found is None  # a match may start anywhere: no word is certain near its start


def test_rules_sharing_a_required_word_are_each_walked_only_where_all_their_words_stand(tmp_path, monkeypatch):
    import yaml

    from stancekit import Matcher, load_rules
    from stancekit.engine import matcher as matcher_module

    rules = [
        {"id": "backs_with", "pattern": "{actor:ACTOR} back {topic:TOPIC} with [num] votes", "polarity": "support"},
        {"id": "backs_after", "pattern": "{actor:ACTOR} back {topic:TOPIC} after [any]", "polarity": "support"},
    ]
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"stancekit": 1, "rules": rules}), encoding="utf-8")
    compiled = load_rules([path]).compile()
    walked: list[str] = []
    walk = matcher_module.find_matches

    def counted(program, *args, **kwargs):
        walked.append(next(rule.id for rule in compiled.rules if rule.program is program))
        return walk(program, *args, **kwargs)

    monkeypatch.setattr(matcher_module, "find_matches", counted)
    texts = {
        "The council backed the plan with 12 votes.": ["backs_with"],
        "The council backed the plan after a debate.": ["backs_after"],
        "The council backed the plan with care after a debate.": ["backs_after"],  # no "votes"
        "The council backed the plan with 12 votes after a debate.": ["backs_with", "backs_after"],
        "The council backed the plan.": [],
    }
    matcher = Matcher(compiled)
    for text, expected in texts.items():
        walked.clear()
        findings = matcher.scan(text)
        assert walked == expected, text
        assert len(findings) == (1 if expected else 0)
        assert [f.to_dict() for f in findings] == [f.to_dict() for f in Matcher(compiled, prefilter=False).scan(text)]


def _walks_and_findings(rules: dict, tmp_path, monkeypatch):
    """The one rule of `rules` compiled, and a scan that tells how often it was walked and
    asserts that its findings are those found without any prefilter."""
    import yaml

    from stancekit import Matcher, load_rules
    from stancekit.engine import matcher as matcher_module

    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"stancekit": 1, **rules}), encoding="utf-8")
    compiled = load_rules([path]).compile()
    walked: list[int] = []
    walk = matcher_module.find_matches

    def counted(program, *args, **kwargs):
        walked.append(1)
        return walk(program, *args, **kwargs)

    monkeypatch.setattr(matcher_module, "find_matches", counted)
    matcher, unfiltered = Matcher(compiled), Matcher(compiled, prefilter=False)

    def scan(text: str) -> tuple[int, int]:
        walked.clear()
        findings = matcher.scan(text)
        tried = len(walked)
        assert [f.to_dict() for f in findings] == [f.to_dict() for f in unfiltered.scan(text)], text
        return tried, len(findings)

    return compiled.rules[0], scan


def test_a_rule_made_of_options_is_walked_only_where_every_word_of_one_option_stands(tmp_path, monkeypatch):
    """Each option has a frame of its own: a sentence with words of one frame and of the other
    holds a word of every set the whole pattern requires, but no option's whole frame, and the
    rule is not tried there."""
    pattern = "{actor:ACTOR} came third with {topic:TOPIC} | {actor:ACTOR} trailed far behind {topic:TOPIC}"
    rule, scan = _walks_and_findings(
        {"rules": [{"id": "placed", "pattern": pattern, "polarity": "support"}]}, tmp_path, monkeypatch
    )
    ((first, second),) = rule.requirement_choices
    assert any("with" in words for words in first) and any("behind" in words for words in second)
    assert scan("The Greens came third with the young voters.") == (1, 1)
    assert scan("The Liberals trailed far behind the Greens.") == (1, 1)
    assert scan("The Greens came third, far behind the Liberals.") == (0, 0)  # no "with", no "trailed"
    assert scan("Voters came out far from home.") == (0, 0)


def test_a_rule_reading_a_lexicon_of_phrases_is_walked_only_where_a_whole_entry_stands(tmp_path, monkeypatch):
    """A sentence with a word of each entry ("behind", "stand") but no entry whole is not
    tried; the first word of an entry may be any of its forms."""
    rules = {
        "lexicons": {"stand_with": ["stand by", "rally behind"]},
        "rules": [{"id": "stands", "pattern": "{actor:ACTOR} @stand_with {topic:TOPIC}", "polarity": "support"}],
    }
    _, scan = _walks_and_findings(rules, tmp_path, monkeypatch)
    assert scan("The union stood by the striking nurses.") == (1, 1)
    assert scan("Parents rallied behind the head teacher.") == (1, 1)
    assert scan("The union stood firm behind closed doors.") == (0, 0)  # "behind" and "stood", no entry whole


def _walk_counting_steps(pattern: str, text: str, cued: bool) -> tuple[list[tuple[int, int]], int, SentenceContext]:
    """The matches of `pattern` in `text` (start, end), how many instructions the walk worked
    out, and the sentence; with `cued`, the rest of the pattern is walked from its cue first."""
    from stancekit.compiler.program import first_filters
    from stancekit.engine import steps

    builder = ProgramBuilder()
    program, entry = builder.build(parse_pattern(pattern))
    counted = [0]
    compile_one = steps._compile_one

    def compile_counted(*args):
        step = compile_one(*args)

        def counting(walk, pos, count):
            counted[0] += 1
            return step(walk, pos, count)

        return counting

    context = SentenceContext(tokenize(text))
    steps._compile_one = compile_counted
    try:
        found = find_matches(
            program, entry, context, firsts=first_filters(program), cues=builder.cues() if cued else ()
        )
    finally:
        steps._compile_one = compile_one
    return [(m.start, m.end) for m in found], counted[0], context


def test_where_the_rest_of_a_pattern_after_its_cue_completes_nowhere_no_start_is_walked():
    """ "should" is the cue (the rarest word every match holds): "resign" must follow it. The
    walk from each capitalised start to a "should" is not made when "should resign" stands
    nowhere."""
    pattern = '[cap] [lower]{0,6} "should" "resign"'
    text = "Members of the Council and the Mayor said that Ministers should stay"
    plain, plain_steps, _ = _walk_counting_steps(pattern, text, cued=False)
    cued, cued_steps, _ = _walk_counting_steps(pattern, text, cued=True)
    assert plain == cued == []
    assert cued_steps <= 2 < plain_steps  # "should", then "resign" fails


def test_walking_from_the_cue_first_finds_the_same_matches():
    pattern = '[cap] [lower]{0,6} "should" ("resign" | "go") | "Ministers" "must" [lower]'
    text = "The Mayor said Ministers should resign and Ministers must go but Officials should go"
    plain, _, _ = _walk_counting_steps(pattern, text, cued=False)
    cued, _, _ = _walk_counting_steps(pattern, text, cued=True)
    assert cued == plain == [(3, 6), (7, 10), (11, 14)]


def test_a_sentence_is_not_tagged_for_a_rule_whose_rest_after_its_cue_completes_nowhere():
    """Tagging is the dearest test a walk asks for: a rule that reads tags before its cue
    leaves a sentence untagged when the words after its cue rule it out."""
    pattern = '[NOUN] "should" "resign"'
    text = "The minister should stay"
    _, _, plain = _walk_counting_steps(pattern, text, cued=False)
    _, _, cued = _walk_counting_steps(pattern, text, cued=True)
    assert plain._tags is not None
    assert cued._tags is None


def test_a_capture_whose_head_must_be_one_of_some_words_requires_one_of_them():
    tree = parse_pattern("{actor:ACTOR} gave {topic:TOPIC & (party | campaign) & !museum} [num] dollars")
    assert frozenset({"party", "campaign", "parties", "campaigns"}) <= frozenset().union(*requirements(tree))
    assert not any("museum" in words for words in requirements(tree))


class _CountingTagger:
    """Tags "bequeathed" a verb, numbers and articles as such and every other word a noun;
    counts the sentences it tags."""

    name = "counting"

    def __init__(self) -> None:
        self.tagged = 0

    def tag(self, words):
        self.tagged += 1
        fixed = {"bequeathed": "VERB", "the": "DET", "a": "DET"}
        return [fixed.get(w.lower(), "NUM" if w.isdigit() else "NOUN") for w in words]


def test_an_alternative_is_walked_from_its_cue_only_where_the_words_it_requires_stand(tmp_path):
    """Both alternatives have "bequeathed" as their cue. The second reads tags after it (a
    noun phrase) and needs a recipient word as the phrase's head. A sentence without one is
    walked from the first alternative's cue only, and is not tagged."""
    import yaml

    from stancekit import Matcher, load_rules

    rules = {
        "lexicons": {"recipients": {"inflect": False, "entries": ["party", "campaign"]}},
        "phrases": {"NP": {"pattern": "[DET]? [NOUN]{1,3}"}},
        "rules": [
            {
                "id": "gift",
                "pattern": "{actor:ACTOR} bequeathed [num] dollars to {topic:TOPIC}"
                " | {actor:ACTOR} bequeathed {topic:NP & @recipients} [num] dollars",
                "polarity": "support",
            }
        ],
    }
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"stancekit": 1, **rules}), encoding="utf-8")
    compiled = load_rules([path]).compile()
    assert len(set(compiled.rules[0].cues)) == 2
    texts = {
        "Ms Okafor bequeathed 50 dollars to the Greens.": (1, 0),
        "Ms Okafor bequeathed the party 50 dollars.": (1, 1),
        "Ms Okafor bequeathed a painting worth 50 dollars and a clock to the museum.": (0, 0),
    }
    for text, (found, tagged) in texts.items():
        tagger = _CountingTagger()
        findings = Matcher(compiled, tagger=tagger).scan(text)
        assert (len(findings), tagger.tagged) == (found, tagged), text
        assert [f.to_dict() for f in findings] == [
            f.to_dict() for f in Matcher(compiled, prefilter=False, tagger=_CountingTagger()).scan(text)
        ]
