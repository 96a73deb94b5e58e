"""Closed word lists behind the built-in ACTOR and TOPIC captures and the polarity modifiers.

These are engine behaviour, not rule content: every rule gets the same notion of what an
actor phrase is and where a topic ends, so rule authors never repeat it. All entries are in
their comparison form (lower case, straight apostrophes).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _with_plurals(text: str) -> frozenset[str]:
    words = set(text.split())
    for w in list(words):
        if w.endswith("y") and w[-2:-1] not in "aeiou":
            words.add(w[:-1] + "ies")
        elif w.endswith(("s", "sh", "ch", "x")):
            words.add(w + "es")
        elif w.endswith("man"):
            words.add(w[:-3] + "men")
        else:
            words.add(w + "s")
    return frozenset(words)


#: Pronouns that can hold a stance as the subject of a clause.
SUBJECT_PRONOUNS = _words("i we he she they it")

#: Possessive pronouns: the holder of a nominal stance ("its support for Russia").
POSSESSIVE_PRONOUNS = _words("his her its their our my")

#: Relative pronouns: an actor when an actor phrase stands right before them
#: ("Sanders, who endorsed Clinton"); the finding is named after that phrase.
RELATIVE_PRONOUNS = _words("who which that")

#: Forms of "be" (and "get") that make a following participle passive.
PASSIVE_AUXILIARIES = _words("is are was were be been being 's 're am get gets got gotten getting")

#: Words that may open a noun phrase naming an actor.
DETERMINERS = _words(
    """the a an this these those his her its their our my your both all some many most several
    few other another each every any two three four five six seven eight nine ten dozens hundreds
    thousands millions more fewer numerous various"""
)

#: Determiners that also take "of" + noun phrase: "dozens of papers", "many of his allies".
#: Partitives that stand alone for people: "Some accused him of ...", "Others disagreed".
PARTITIVE_PRONOUNS = _words("some many others most several few both")

PARTITIVES = _words(
    """some many most several few all both dozens hundreds thousands millions none each two three
    series number handful couple host slew string majority minority"""
)

#: Lower-case words joining the parts of a name: "Secretary of State", "Bank of England".
NAME_JOINERS = _words("of for on and & the de del della da di du la le van von der den al bin ibn y")

#: Role and title words; they may stand inside a name ("NSC spokesman John Kirby") or head one.
ROLE_WORDS = _with_plurals(
    """spokesman spokeswoman spokesperson leader chairman chairwoman chair president secretary
    minister senator candidate nominee governor mayor director chief adviser advisor official
    ambassador envoy commissioner representative congressman congresswoman lawmaker legislator
    executive founder head deputy attorney justice judge speaker whip strategist aide manager
    chancellor premier king queen prince princess pope cardinal bishop rabbi imam economist analyst
    professor researcher activist correspondent columnist editor anchor host member coach ceo
    chairperson diplomat negotiator prosecutor lawyer general commander officer monarch
    president-elect nominee-elect frontrunner front-runner incumbent challenger mate partner owner
    co-founder cofounder publisher pollster organizer organiser campaigner delegate councillor
    councilor councilman councilwoman superintendent treasurer comptroller"""
)

#: Nouns that name a collective or an institution: "the administration", "GOP lawmakers".
ACTOR_NOUNS = (
    ROLE_WORDS
    | _with_plurals(
        """administration government campaign party official lawmaker critic supporter opponent voter
    democrat republican conservative liberal progressive activist protester protestor group union
    company industry business economist analyst expert member ministry department council
    committee court regulator agency commission board police military army resident citizen
    people worker employer teacher doctor nurse scientist researcher ally nation country state
    team staff firm bank newspaper paper organisation organization coalition alliance church bloc
    delegation panel majority minority opposition establishment regime cabinet parliament
    legislature caucus assembly electorate public american briton european environmentalist
    advocate proponent backer skeptic sceptic donor investor shareholder employee student parent
    veteran farmer unionist nationalist socialist hardliner moderate centrist rebel insurgent
    militant prosecutor authority association federation institute foundation society network
    outlet editorial leadership base faithful establishment observer commentator pundit
    conservationist campaigner evangelical manufacturer retailer lobby lobbyist trade insider
    city town county province region village municipality district capital government-in-exile
    rival colleague counterpart predecessor successor challenger contender hopeful leader community
    publication analysis study report review audit
    superdelegate delegate elector constituent lawyer club league company university school
    hospital charity ngo agency watchdog body institution chamber guild trust fund think-tank
    thinktank movement faction wing office embassy consulate mission navy force militia
    fan organiser organizer sponsor operator airline carrier maker producer supplier insurer lender
    creditor bishop priest pastor cleric imam scholar historian comedian actor actress singer
    writer author journalist reporter blogger presenter broadcaster celebrity star athlete player
    driver soldier taxpayer consumer customer patient mother father family household landlord
    tenant owner landowner entrepreneur executive board chairman
    spokespeople"""
    )
    | _words("people police media press clergy analyses")
)

#: Lower-case modifiers that can precede a role or actor noun: "former president", "GOP rival".
ACTOR_MODIFIERS = _words(
    """former top senior leading presidential vice federal state local foreign national
    international public private military conservative liberal progressive moderate democratic
    republican chief deputy acting longtime long-time prominent fellow rival key influential
    powerful veteran outgoing incoming new current then late retired ex would-be prime general
    congressional legislative executive european american british chinese russian western
    eastern northern southern main major many other some several top-ranking high-ranking
    ranking independent grassroots anti-trump pro-trump anti-clinton pro-clinton party
    establishment evangelical white black hispanic latino young older elderly""".replace("\n", " ")
)

#: Function words: never part of an actor phrase unless listed above.
FUNCTION_WORDS = _words(
    """a an the and or but nor so yet for of to in on at by with from as into onto upon about over
    under after before than then that this these those there here is are was were be been being am
    has have had having do does did will would shall should can could may might must not no never
    it its he she they we i you his her their our my your him them us me who whom which what when
    where why how all any both each few more most other some such only own same too very just also
    again ever even still already next last first second third other another every much many less
    least several whether if because while though although unless until since once per via like
    against between among within without across along around through during toward towards behind
    beyond despite except inside outside onto off out up down away back"""
)

#: Nouns that head a noun phrase after a determiner but never hold a stance: "the bridge
#: supports trucks", "the data support the theory".
NON_ACTOR_HEADS = _words(
    """bridge roof wall beam beams pillar pillars column columns floor frame structure building
    platform stand evidence data figures figure numbers statistics results finding findings
    research science facts fact record records history chart graph table device software app
    system engine battery machine tool program programme weather wind rain case way time day week
    month year past future world point thing things part end lot number kind sort type issue
    question idea plan proposal bill law measure deal agreement policy move decision ruling reason
    problem vote votes election race debate speech speeches statement letter book ad document
    resolution petition initiative show conference rally rallies event meeting hall ballot rate
    percent terror terrorist win look attack attacks spending tax taxes money cost costs price
    economy market markets industry job jobs war fight fighting crisis deficit campaign number
    numbers order orders matter matters letter letters center centre border borders water power
    other others answer corner manner winter summer chapter quarter dollar dollars error errors
    door doors floor cover paper offer offers factor factors sector sectors mirror honor honour
    labor labour color colour favor favour rumor rumour humor tumor terror behavior behaviour
    character register poster posters banner computer computers printer meter liter monitor
    fee fees degree"""
)

#: Plural nouns that often modify another noun after a name ("Human rights groups").
PLURAL_MODIFIERS = _words("rights arms sports affairs goods savings news jobs services relations studies")

#: Endings of nouns that name people: "comedian", "protesters", "organisers", "pollster".
AGENT_SUFFIXES = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "eer", "eers", "ee", "ees", "ster", "sters")

#: Comparatives and other words in -er that name no one.
COMPARATIVES = _words(
    """larger smaller higher lower greater better bigger newer older younger stronger weaker harder
    softer faster slower longer shorter wider narrower deeper richer poorer cheaper broader closer
    earlier later easier tougher safer riskier clearer further rather whether together either
    neither quarter chapter register transfer manner matter"""
)

#: Endings of lower-case adjectives that may modify an actor noun ("centrist economists",
#: "progressive groups"); other unknown words are only accepted after a determiner.
ADJECTIVE_SUFFIXES = ("al", "ic", "ive", "ous", "ful", "ary", "ish", "ist", "ian", "ese", "ern", "ile", "ant", "ent")

#: Capitalised words that start sentences or name times, never actors.
CAPITALISED_NON_NAMES = _words(
    """But And Or So Yet In On At For After Before While When If As Although Though However
    Meanwhile Still Then Now Last Next This That These Those There Here What Who Why How Where
    Which Speaking According Despite During Since Until With Without Under Over By From To Of
    Also Instead Even Only Just Today Yesterday Tomorrow Earlier Later Recently Asked Like
    Unlike Because Not No Yes Indeed Overall Finally First Second Third Besides Moreover
    Furthermore Once Again Ahead Among Amid Against Through Throughout Following Given Whether
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June
    July August September October November December Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct.
    Nov. Dec. A An The I It He She They We You His Her Its Their Our My Your Let Please Do Does
    Did Is Are Was Were Will Would Can Could Should Might Must Has Have Had Many Some Most
    Several All Both Every Each Any Such Another Other More Less Much Few Say Suppose Imagine
    Consider Remember"""
)

#: Words that end a topic: the clause around the stance is over.
TOPIC_STOP_WORDS = _words(
    """but because although though whereas while saying arguing adding claiming noting citing
    insisting unless if provided said says told tells according"""
)

#: Words a topic never starts with: particles ("backed out"), a passive agent ("supported by"),
#: clause words and auxiliaries ("support was solid"): a stance verb followed by them is not
#: taking an object.
TOPIC_BAD_STARTS = _words(
    """by out off down away up back on in at into onto over around about from after before during
    to for under with without despite amid among like unlike per via against between through
    throughout toward towards across along beyond near within upon outside inside alongside beside again
    of since until when while if as because than then so and or but nor is are was were be been being
    has had have will would could should can may might must do does did 's 're 've 'd 'll"""
)

#: After "and"/"but"/"or", these words start a new clause, which ends the topic:
#: "endorsed Trump and has appeared with him", "backs the plan but he says".
CLAUSE_STARTERS = _words(
    """is are was were has have had will would could should can may might must does did do
    he she they it we i who which there"""
)

#: Finite auxiliaries: after a noun phrase topic they start the main clause ("calls for a
#: ceasefire were met with suspicion"), unless a clause word opened a clause inside the topic.
TOPIC_FINITE_VERBS = _words("is are was were has have had will would could should can may might must")
TOPIC_CLAUSE_OPENERS = _words("that which who whom whose whether if to what how why when where")

#: Punctuation that ends a topic.
TOPIC_STOP_PUNCT = frozenset(
    {",", ";", ":", "(", ")", "[", "]", "--", "\u2014", "\u2013", ".", "?", "!", "...", "\u2026"}
)

QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "''"})

#: Words of time expressions trimmed off the end of a topic ("the plan on Monday").
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")
MONTHS = _words(
    "january february march april may june july august september october november december "
    "jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec."
)
TIME_UNITS = _words(
    "week weeks month months year years decade decades day days weekend morning afternoon evening night "
    "spring summer fall autumn winter"
)
TIME_WORDS = _words("yesterday today tonight tomorrow overnight earlier later recently")
TIME_PREFIXES = _words(
    "on in at during since for late early earlier later last this next past the a several many two three every each"
)

#: Single-token negations. "n't" is the clitic of don't, won't, can't.
NEGATIONS = _words("not n't never no neither nor without")

#: Several-token negations, as tuples of tokens.
NEGATION_PHRASES = (
    ("no", "longer"),
    ("refuse", "to"),
    ("refuses", "to"),
    ("refused", "to"),
    ("refusing", "to"),
    ("decline", "to"),
    ("declines", "to"),
    ("declined", "to"),
    ("declining", "to"),
    ("fail", "to"),
    ("fails", "to"),
    ("failed", "to"),
    ("failing", "to"),
    ("stop", "short", "of"),
    ("stops", "short", "of"),
    ("stopped", "short", "of"),
    ("has", "yet", "to"),
    ("have", "yet", "to"),
)

#: Words that look like negations but are not ("not only ... but also").
PSEUDO_NEGATIONS = (("not", "only"), ("not", "just"), ("no", "doubt"), ("not", "least"), ("never", "before"))

#: Words that hedge a stance without reversing it.
HEDGES = _words(
    """may might could would reportedly allegedly apparently possibly perhaps likely probably
    reluctantly tentatively conditionally consider considers considering mull mulls mulling"""
)

HEDGE_PHRASES = (
    ("is", "expected", "to"),
    ("are", "expected", "to"),
    ("was", "expected", "to"),
    ("appears", "to"),
    ("appeared", "to"),
    ("seems", "to"),
    ("seemed", "to"),
    ("is", "said", "to"),
    ("are", "said", "to"),
    ("is", "considering"),
    ("are", "considering"),
)


#: Honorifics and titles that may stand before a person's name, with the gender they imply.
MALE_HONORIFICS = _words("mr mr. sir lord king prince sheikh emir duke baron")
FEMALE_HONORIFICS = _words("mrs mrs. ms ms. miss dame lady queen princess baroness duchess madam")
PERSON_TITLES = (
    MALE_HONORIFICS
    | FEMALE_HONORIFICS
    | _words(
        """dr dr. sen. senator rep. representative gov. governor president vice prime minister secretary
    chancellor pope gen. general col. colonel lt. capt. captain adm. admiral sgt. judge justice speaker
    mayor ambassador chairman chairwoman chair leader spokesman spokeswoman spokesperson commissioner
    director chief deputy rev. reverend cardinal archbishop bishop rabbi imam ayatollah premier
    president-elect candidate nominee congressman congresswoman councilman councilwoman councillor
    attorney prof. professor coach minister-president foreign defense defence finance interior mp mep mps
    meps lawmaker legislator delegate
    trade health justice economy labour labor education treasury state
    former democrat democratic republican gop liberal conservative independent progressive
    actress actor singer billionaire businessman businesswoman author columnist activist"""
    )
)

#: Verbs that report speech: they name the speaker of a quote or of reported speech.
SPEECH_VERBS = _words(
    """said say says saying told tell tells added adds asked asks wrote writes tweeted tweets stated
    states declared declares insisted insists argued argues explained explains noted notes
    continued continues replied replies responded responds warned warns claimed claims recalled
    recalls joked jokes conceded concedes acknowledged acknowledges announced announces predicted
    predicts suggested suggests complained complains cautioned cautions stressed stresses
    emphasized emphasizes emphasised emphasises observed observes remarked remarks commented
    comments maintained maintains contended contends countered counters admitted admits
    reiterated reiterates wondered wonders shouted shouts quipped quips vowed vows"""
)

#: Common first names whose gender news readers take for granted (for "he"/"she").
MALE_NAMES = _words(
    """aaron adam ahmed alan albert alexander alexei ali andrew andy angus anthony antonio barack ben
    benjamin bernie bill bob boris brad brian bruce carl carlos charles chris christopher chuck colin
    dan daniel david dennis dmitry donald doug douglas edward emmanuel eric evan frank fred gary george
    gerald gordon greg gregory hakeem harold harry henry howard hugh ian ivan jack jacob james jamie
    jason jeb jeff jeffrey jeremy jerome jim jimmy joe joel john johnny jon jonathan jose joseph josh
    juan justin keir keith ken kenneth kevin kim larry lee leo lindsey luis marco marcus mark martin
    matt matthew michael mike mitch mohammed muhammad narendra nathan nicholas nick nigel olaf omar
    oscar patrick paul peter phil philip rahm ralph ray raymond recep richard rick rishi rob robert
    rodrigo roger ron ronald rudy ryan sam samuel scott sergei sean stephen steve steven stuart ted
    terry thomas tim timothy tom tony viktor vladimir walter wayne william xi yair yoav"""
)
FEMALE_NAMES = _words(
    """alexandria alice alicia amanda amy ana andrea angela ann anna anne annalena barbara betsy
    betty carly caroline catherine charlotte cheryl christine claire claudia condoleezza cory debbie
    deborah diana diane donna elaine eleanor elizabeth ellen emily emma giorgia gloria hannah heather
    heidi helen hillary ilhan jane janet jennifer jill joan joanna jodi joni julia julie karen kamala
    kate katherine kathleen kathy kay kelly kirsten kristi laura lauren linda lisa liz lucy margaret
    maria marie marine marsha martha mary maxine megan melania melissa michelle monica nancy natalie
    nicola nikki olivia pamela patricia patty rachel rebecca rosa ruth sally samantha sandra sarah
    sharon shirley sonia stephanie susan suzanne tammy teresa theresa tina tulsi ursula valerie
    victoria virginia wendy yvonne zoe"""
)

#: Places that news names as often as people: the US states and their abbreviations (datelines,
#: "Roanoke, Va."). A place is never what "he", "she" or "they" refers back to.
US_STATES = _words(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont virginia wisconsin wyoming"""
) | frozenset(
    {
        "new hampshire",
        "new jersey",
        "new mexico",
        "new york",
        "north carolina",
        "north dakota",
        "rhode island",
        "south carolina",
        "south dakota",
        "west virginia",
        "district of columbia",
        "new york city",
        "los angeles",
        "san francisco",
        "washington state",
    }
)
STATE_ABBREVIATIONS = _words(
    """ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich. minn.
    miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn.
    tex. vt. va. wash. w.va. wis. wyo. d.c."""
)

#: Adverbs that stand between a subject and its verb without changing its form ("Trump now
#: backs"), unlike an auxiliary ("Trump will back").
ADVERBS_BEFORE_VERBS = _words("also now still even just again only then often never already soon")

#: Plural nouns without an -s, which take the bare verb: "Women back him by 20 points".
PLURALS_WITHOUT_S = _words("women men people police children staff media clergy personnel folk")

#: Auxiliaries that come before the subject in a question: "Did the foundation refuse to ...?"
AUXILIARIES_BEFORE_SUBJECTS = _words("do does did will would can could should may might must shall")
