"""Build rules/en/evaluation_lexicon.yaml, the pack's evaluative words, from VADER's lexicon.

VADER (Hutto & Gilbert 2014, MIT licence) rates some 7,500 English words by mean valence, from
-4 (most negative) to +4, as judged by ten raters each. Most of its words are not evaluations of
someone in political news ("accident", "funeral", "sunshine", "tired"), so this script keeps
only what can evaluate a target when a holder calls it so:

- adjectives (by LemmInflect's tables) rated at least 1.0 either way, less the stop list below;
- nouns from the kept list below, which name a fault or merit of a person or an act ("liar",
  "betrayal", "fiasco", "hero"), with their plurals;
- the additions below, for evaluative words and idioms VADER lacks ("absurd", "corrupt",
  "out of touch"), each rated by the team on VADER's scale.

A word's polarity is the sign of its valence; its strength is "strong" from 2.0 up, "weak"
below. The output is six lexicons (evaluation_positive_strong, evaluation_positive_weak,
evaluation_positive_idioms and the same three negative ones; idioms of several words apart),
each entry commented with its valence.

Run from the project root after `pip install vadersentiment==3.3.2` (the `lexicon` extra):

    python scripts/build_evaluation_lexicon.py            # writes the YAML
    python scripts/build_evaluation_lexicon.py --check    # exit 1 if the YAML is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import lemminflect

VADER_VERSION = "3.3.2"
OUTPUT = Path(__file__).resolve().parent.parent / "rules" / "en" / "evaluation_lexicon.yaml"

#: Below this absolute valence a word is too mild to state an evaluation on its own.
MIN_VALENCE = 1.0
#: From this absolute valence up a word is a strong evaluation.
STRONG_VALENCE = 2.0

# Adjectives VADER rates that, in news, do not evaluate a target someone calls them:
STOP_ADJECTIVES = frozenset(
    """
    accepted active advanced convinced convincing alive alright assured certain chance clear committed curious
    dedicated definite determined devoted devotional divine engaged enlightened free freelance
    freestanding fresh harmonic heavenward honorary honorific huge immortal immune
    impressionistic increased intellectual interested keen keenest like natural novel
    optimal original outgoing party peacekeeping perfectible perfectionist picturesque
    privileged prize prominent protected ready relaxant respective rich richer richest
    romanticist safe safer safest salient secure securer securest sentimental special
    successive super sure surer surest true united valued well wealthy wealthier wealthiest
    youthful cool fit grand grander grandest sexy chic cute cuter cutest darling dear dearer
    dearest delectable delicious frisky gorgeous handsome handsomer handsomest jaunty merry
    merrier merriest pretty prettier prettiest sunny sunnier sunniest tenderest tranquiler
    tranquilest hardy restful soothing meditative playful sprightly vivacious amorous
    romantic festive convivial lighthearted jocular jolly jollier jolliest jovial mirthful
    rapturous blissful blithe beatific euphoric ecstatic elated gleeful jubilant joyful
    joyous glad happy happier happiest pleased proud prouder proudest thankful grateful
    appreciative hopeful optimistic confident contented enthused enthusiastic excited
    excitable eager fond desirous agog avid ardent fervent passionate relaxed calm calmer
    calmest serene carefree easygoing poised lucky luckier luckiest fortunate blessed
    beloved favorite favored popular comfortable healthy alert lively livelier liveliest
    energetic funny funnier funniest hilarious amusing humorous humourous comedic
    entertaining fun cheerful cheery sunny sillier trustful
    alone allergic bankrupt bereaved blind broke broken crash dead defenseless depressant
    drunk fallen infected injured isolated itchy lone lonelier loneliest lonely lonesome
    low lower lowest lowlier lowliest lowly missing numb numbest overweight poor poorer
    poorest restricted sick stricken stuck suspended widowed contagious exhaustible
    destructible darkest emptiest grimier grimy dumpier dumpiest dumpy foetid rancid yucky
    itchy sappy weepy sluttish
    aghast agitated agonised agonized angry angrier angriest anguished anxious ashamed
    dejected depressed despondent disappointed disconsolate discontented disgusted
    disillusioned distracted distraught downcast downhearted fearful frantic frustrated
    furious glum heartbroken hesitant impatient incensed indignant irate jaded jealous
    livid moody moodier moodiest mournful nervous panicky perplexed phobic regretful
    reluctant resentful resigned restless sad sadder saddest scared sceptical skeptical
    sorrowful tense tensed tenser tensest tired troubled unconvinced uneasy uneasier
    uneasiest unhappy unhappier unhappiest unimpressed unsatisfied unsettled unsure upset
    worried weary wrathful envious lugubrious tremulous fidgety jumpy irritable shy
    shamefaced submissive masochistic suicidal neurotic paranoid
    anti arguable critical difficult dire grave graver gravest severe severer severest
    rigorous uncertain unclear mock snub scare panic dread freak fool bully bastard damn
    damned bloody odd eerie nuts mad madder maddest insane lunatic maniac retarded
    strained thorny tricky trickiest painful tragic traumatic stressful inflamed
    illegal punishable forbidden forbidding suspect seditious libelous repressed gross grossest
    positive negative strong stronger strongest powerful influential greater better best
    easy easier easiest bright brighter brightest clean stable interesting surprising
    dynamic dynamical ill blocked confused desperate hurt helpless powerless guilty guiltier
    guiltiest criminal violent fatal grim unfortunate unprotected unloved friendless needy
    melancholy somber sore sullen bitter bitterer bitterest adverse unstable rebellious
    uncomfortable precious prosperous loving kind kinder champion
    """.split()
)

# VADER nouns that, called of a person, a party, a plan or an act, evaluate it:
KEPT_NOUNS = frozenset(
    """
    abomination betrayal catastrophe coward cowardice crap deceit deception disaster
    disgrace dishonesty failure farce fiasco fool fraud greed hatred hypocrisy idiot
    ignoramus imbecile incompetence injustice insanity insult jackass liar lies loser
    madness manipulation mess misinformation mockery moron nonsense outrage propaganda
    racism scam scandal smear stupidity travesty treachery trickery villain
    warmonger weakling zealot
    achievement admiration asset brilliance courage genius hero heroine
    integrity masterpiece success triumph visionary wisdom
    """.split()
)

# Evaluative words and idioms VADER lacks, rated by the team on VADER's scale (-4 .. +4).
# Idioms of several words are matched as written.
ADDITIONS: dict[str, float] = {
    "absurd": -2.0,
    "corrupt": -2.6,
    "inhumane": -2.6,
    "crass": -1.8,
    "petulant": -1.6,
    "hypocrite": -2.2,
    "hypocrites": -2.2,
    "hypocritical": -2.0,
    "shambles": -2.0,
    "sham": -2.0,
    "disgraceful": -2.6,
    "deplorable": -2.5,
    "despicable": -2.8,
    "misguided": -1.5,
    "wrongheaded": -1.5,
    "wrong-headed": -1.5,
    "ill-conceived": -1.6,
    "half-baked": -1.4,
    "counterproductive": -1.4,
    "unworkable": -1.5,
    "undemocratic": -2.0,
    "un-american": -2.0,
    "deceptive": -2.0,
    "divisive": -1.8,
    "xenophobe": -2.4,
    "xenophobic": -2.4,
    "bigot": -2.6,
    "bigoted": -2.6,
    "demagogue": -2.2,
    "stooge": -1.8,
    "puppet": -1.5,
    "parody": -1.3,
    "rubbish": -1.8,
    "garbage": -2.0,
    "unfit": -2.0,
    "shambolic": -2.0,
    "laughable": -1.6,
    "irresponsible": -1.9,
    "out of touch": -1.5,
    "beyond the pale": -2.5,
    "slap in the face": -2.2,
    "joke": -1.8,
    "jokes": -1.8,
    "con trick": -2.0,
    "scaremongering": -1.8,
    "ineffective": -1.5,
    "ill-judged": -1.6,
    "short-sighted": -1.5,
    "shortsighted": -1.5,
    "extremist": -2.0,
    "dishonourable": -2.2,
    "dishonorable": -2.2,
    "outdated": -1.3,
    "antiquated": -1.3,
    "prudent": 1.6,
    "victory": 2.0,
    "victories": 2.0,
    "vital": 1.5,
    "essential": 1.5,
    "crucial": 1.5,
    "all important": 1.5,
    "indispensable": 1.6,
    "principled": 1.8,
    "decent": 1.5,
    "sensible": 1.5,
    "pragmatic": 1.2,
    "statesmanlike": 2.0,
    "well-reasoned": 1.6,
    "tremendous": 2.2,
    "inspiring": 2.4,
    "visionary": 2.0,
    "breath of fresh air": 2.2,
    "first-rate": 2.4,
    "first class": 2.2,
    "world class": 2.4,
    "world-class": 2.4,
}


def vader_lexicon() -> dict[str, float]:
    """Word -> mean valence, from the vader_lexicon.txt shipped in the vadersentiment package."""
    try:
        import vaderSentiment
    except ImportError:  # pragma: no cover - a build-time dependency only
        sys.exit("vadersentiment is needed to build the lexicon: pip install 'stancekit[lexicon]'")
    path = Path(vaderSentiment.__file__).parent / "vader_lexicon.txt"
    valences: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            valences[fields[0]] = float(fields[1])
    return valences


def is_adjective(word: str) -> bool:
    return "ADJ" in lemminflect.getAllLemmas(word)


def noun_forms(word: str) -> list[str]:
    """The noun and its plural ("liar", "liars"), as LemmInflect spells them."""
    if word.endswith("s"):
        return [word]
    plural = lemminflect.getInflection(word, tag="NNS")
    return [word] + [p for p in plural if p != word]


def selected(valences: dict[str, float]) -> dict[str, float]:
    """Every kept word or idiom with its valence."""
    kept: dict[str, float] = {}
    for word, valence in valences.items():
        if not re.fullmatch(r"[a-z]+", word) or abs(valence) < MIN_VALENCE:
            continue
        if word in KEPT_NOUNS:
            for form in noun_forms(word):
                kept[form] = valence
        elif word not in STOP_ADJECTIVES and is_adjective(word):
            kept[word] = valence
    kept.update(ADDITIONS)
    return kept


def lexicon_name(word: str, valence: float) -> str:
    """The lexicon a word goes in: by polarity and strength; idioms of several words by
    polarity alone, so that the one-word lexicons can be negated in a pattern (!@lexicon)."""
    side = "positive" if valence > 0 else "negative"
    if " " in word:
        return f"evaluation_{side}_idioms"
    strength = "strong" if abs(valence) >= STRONG_VALENCE else "weak"
    return f"evaluation_{side}_{strength}"


HEADER = """\
# GENERATED by scripts/build_evaluation_lexicon.py: do not edit by hand; change the script's
# lists and regenerate from the project root:
#   pip install 'stancekit[lexicon]'   (vadersentiment=={version})
#   python scripts/build_evaluation_lexicon.py
# Source: the VADER sentiment lexicon, vadersentiment {version} (C.J. Hutto and E.E. Gilbert,
# "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM
# 2014), MIT licence, copyright (c) 2016 C.J. Hutto. Adjectives and evaluative nouns kept for
# political news, plus the team's additions; the number after each entry is its mean valence
# (-4 .. +4). Strong: |valence| >= {strong}; weak: {minimum} <= |valence| < {strong}; idioms
# (several words) by polarity alone.
stancekit: 1
description: >
  Evaluative words: what a holder calls someone or something to praise or condemn it
  ("reckless", "a disgrace", "brilliant"), by polarity and strength. Used by evaluations.yaml.

lexicons:
"""


def render(kept: dict[str, float]) -> str:
    names = [
        f"evaluation_{side}_{group}" for side in ("positive", "negative") for group in ("strong", "weak", "idioms")
    ]
    groups: dict[str, list[str]] = {name: [] for name in names}
    for word in sorted(kept):
        groups[lexicon_name(word, kept[word])].append(word)
    out = [HEADER.format(version=VADER_VERSION, strong=STRONG_VALENCE, minimum=MIN_VALENCE)]
    for name in names:
        out.append(f"  {name}:\n    inflect: false\n    entries:\n")
        out.extend(f'      - "{word}"  # {kept[word]:+.1f}\n' for word in groups[name])
    return "".join(out)


def build() -> str:
    return render(selected(vader_lexicon()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed YAML differs")
    args = parser.parse_args(argv)
    text = build()
    if args.check:
        return 0 if OUTPUT.read_text(encoding="utf-8") == text else 1
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
