"""The catalogue of diagnostic codes: every error and warning a rule file or test file can get.

Each code is declared here once, with its severity, a short title, the hint it gives when that
hint never varies, and one line of documentation; the places that report a problem refer to
the constant (`codes.BAD_POLARITY.diagnostic(message, location)`), never to the code's text.
Users and CI scripts grep the code names, so a name never changes once released.

`stancekit check --list-codes` prints `listing()`, and the table in the "Broken rules" section
of docs/rule-language.md is `catalogue_markdown()`, so the three cannot drift apart. Every code
except those with `no_golden_file` set has a golden file under tests/broken_rules/ showing it.
"""

from __future__ import annotations

from dataclasses import dataclass

from stancekit.dsl.errors import ERROR, WARNING, Diagnostic, Location

#: Where a problem is found, in the order the catalogue lists them.
YAML = "YAML"
RULE_FILE = "rule file"
PATTERN = "pattern"
RULE_SET = "rule set"
DICTIONARY = "dictionary"
LANGUAGE = "language profile"
TEST_FILE = "test file"
CHECK = "check"


@dataclass(frozen=True)
class Code:
    """One diagnostic code: what it is called, how bad it is and what it means.

    `hint` is the hint every report of the code gives, when it never varies (None when each
    report words its own). `no_golden_file` says why no rule or test file can show the problem
    at a line (it is about a path given on the command line, for instance), for the few codes
    that have no golden file."""

    name: str
    severity: str
    area: str
    title: str
    doc: str
    hint: str | None = None
    no_golden_file: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def diagnostic(self, message: str, location: Location | None = None, hint: str | None = None) -> Diagnostic:
        """A report of this code: `message` at `location`, with `hint` or else the code's own."""
        return Diagnostic(self.severity, self.name, message, location, hint if hint is not None else self.hint)


_declared: list[Code] = []


def _declare(name: str, severity: str, area: str, title: str, doc: str, **extra: str) -> Code:
    code = Code(name, severity, area, title, doc, **extra)
    _declared.append(code)
    return code


# -- YAML: the file as data ---------------------------------------------------------------------

YAML_SYNTAX = _declare(
    "yaml-syntax",
    ERROR,
    YAML,
    "the file is not valid YAML",
    "An unclosed quote, a tab or a bad indentation, an unquoted ': ' in a value: the YAML parser's"
    " complaint, placed at the character it stopped at.",
)
YAML_TAG = _declare(
    "yaml-tag",
    ERROR,
    YAML,
    "a YAML tag such as !!python/object",
    "Rule and test files are plain data; a tag could ask the YAML reader to build objects.",
    hint="rule files are plain data: strings, numbers, lists and mappings; remove the tag",
)
YAML_ALIASES = _declare(
    "yaml-aliases",
    ERROR,
    YAML,
    "YAML aliases expand past the limit",
    "Aliases (`*name`) that would expand to more than the limit of values (the 'billion laughs')"
    " are refused before they are expanded.",
)
YAML_RECURSIVE = _declare(
    "yaml-recursive",
    ERROR,
    YAML,
    "a YAML alias contains itself",
    "An anchored value that holds an alias to itself would be infinite.",
    hint="an alias may not contain itself",
)
YAML_NESTING = _declare(
    "yaml-nesting",
    ERROR,
    YAML,
    "lists and mappings nest too deeply",
    "Values nested deeper than the limit (64) are refused: a rule file needs a few levels.",
    hint="a rule file needs a few levels (rules, a rule, its examples, an expected finding); flatten this value",
)
YAML_MULTIPLE_DOCUMENTS = _declare(
    "yaml-multiple-documents",
    ERROR,
    YAML,
    "more than one YAML document in a file",
    "A '---' separator starts a second document; a rule file holds one.",
    hint="remove the '---' separator or split the file in two",
)
YAML_KEY = _declare(
    "yaml-key",
    ERROR,
    YAML,
    "a mapping key is not a string",
    "Keys such as 2024 or a list are not names stancekit can read; quote the key.",
    hint="write a name as the key, and quote one that YAML would read as a number or a date: '2024':",
)
DUPLICATE_KEY = _declare(
    "duplicate-key",
    ERROR,
    YAML,
    "a key is given twice",
    "A key appears twice in one mapping (or a second '# todo:' for one line of a text test file);"
    " YAML would silently keep the last.",
)

# -- rule files: their structure ----------------------------------------------------------------

UNREADABLE = _declare(
    "unreadable",
    ERROR,
    RULE_FILE,
    "a rule or test file cannot be read",
    "The file cannot be opened, or is not UTF-8 text.",
    no_golden_file="it is about the file as a whole (its permissions or its bytes), so there is no line to point at",
)
MISSING_RULES = _declare(
    "missing-rules",
    ERROR,
    RULE_FILE,
    "a rule file, folder or pack named does not exist",
    "A path or `stancekit:` pack given on the command line names nothing.",
    no_golden_file="it is about a path given on the command line, not about a file's contents",
)
NO_RULE_FILES = _declare(
    "no-rule-files",
    ERROR,
    RULE_FILE,
    "a folder holds no rule files",
    "A folder given on the command line has no *.yaml rule file in it.",
    no_golden_file="it is about a folder given on the command line, not about a file's contents",
)
FILE_TOO_LARGE = _declare(
    "file-too-large",
    ERROR,
    RULE_FILE,
    "a rule file is over the size limit",
    "A rule file over the size limit (5 MB) is refused unparsed.",
    hint="split it into several rule files (one may import another); a rule file holds rules and word lists,"
    " not a corpus",
)
NOT_A_MAPPING = _declare(
    "not-a-mapping",
    ERROR,
    RULE_FILE,
    "the file is not a mapping",
    "A rule or test file must be a YAML mapping (keys such as 'stancekit:' and 'rules:'), not a list or a string.",
)
FORMAT_VERSION = _declare(
    "format-version",
    ERROR,
    RULE_FILE,
    "an unsupported 'stancekit:' format version",
    "The 'stancekit:' key names a version of the file format this stancekit does not read.",
)
UNKNOWN_KEY = _declare(
    "unknown-key",
    ERROR,
    RULE_FILE,
    "an unknown key",
    "A key that the section it is in does not have, usually misspelt; the hint suggests the closest.",
)
MISSING_KEY = _declare(
    "missing-key",
    ERROR,
    RULE_FILE,
    "a required key is missing",
    "A rule without 'id', 'pattern' or 'polarity', an example or test without 'text' or 'expect',"
    " a dictionary entry without 'id'.",
)
WRONG_TYPE = _declare(
    "wrong-type",
    ERROR,
    RULE_FILE,
    "a value of the wrong type",
    "A list where a mapping belongs, a mapping where a string belongs, and so on.",
)
BAD_NAME = _declare(
    "bad-name",
    ERROR,
    RULE_FILE,
    "a lexicon, macro or phrase type name is not valid",
    "A lexicon or macro name starts with a letter or '_'; a phrase type name holds only letters, digits and '_'.",
    hint="use letters, digits and _",
)
BAD_ENTRY = _declare(
    "bad-entry",
    ERROR,
    RULE_FILE,
    "an empty or non-text entry in a word list",
    "A lexicon, language slot or dictionary list holds an empty entry, a number or a mapping.",
    hint='write each entry as a word or phrase, such as "stand behind", or remove it',
)
DUPLICATE_ENTRY = _declare(
    "duplicate-entry",
    WARNING,
    RULE_FILE,
    "a word appears twice in a lexicon",
    "Two entries of a lexicon are the same once normalised; one of them does nothing.",
    hint="remove one of them",
)
LEXICON_TOO_LARGE = _declare(
    "lexicon-too-large",
    ERROR,
    RULE_FILE,
    "a lexicon is over the entry limit",
    "A lexicon with more entries than the limit (100,000).",
)
BAD_RULE_ID = _declare(
    "bad-rule-id",
    ERROR,
    RULE_FILE,
    "a rule id is not valid",
    "A rule id is a dotted name such as en.verb.support.",
)
BAD_POLARITY = _declare(
    "bad-polarity",
    ERROR,
    RULE_FILE,
    "a polarity is not support, oppose or neutral",
    "The polarity of a rule, an example's expected finding or a test's is empty or misspelt.",
)
BAD_KIND = _declare(
    "bad-kind",
    ERROR,
    RULE_FILE,
    "a rule's kind is not one of the finding kinds",
    "A rule's `kind` (statement, evaluation, commitment, act, poll, appeal, denial, feeling) is empty or misspelt.",
)
EXAMPLE_WITHOUT_EXPECT = _declare(
    "example-without-expect",
    ERROR,
    RULE_FILE,
    "an example of a rule or phrase type has no 'expect'",
    "An example written as a mapping lists the findings (or phrases) it must give; expect: [] for none.",
)
MISSING_IMPORT = _declare(
    "missing-import",
    ERROR,
    RULE_FILE,
    "an imported file does not exist",
    "A file named under 'imports:' is not there (or names a pack that is not installed).",
)
IMPORT_OUTSIDE = _declare(
    "import-outside",
    ERROR,
    RULE_FILE,
    "an import leaves the rules folder",
    "An import that is an absolute path, or climbs or links out of the folder the rules were loaded from.",
)
IMPORT_CYCLE = _declare(
    "import-cycle",
    ERROR,
    RULE_FILE,
    "files import each other in a cycle",
    "The message names the files on the cycle.",
    hint="move what both files need into a third file that imports neither",
)
MISSING_PLUGIN = _declare(
    "missing-plugin",
    ERROR,
    RULE_FILE,
    "a plugin the file needs is not installed",
    "A file's 'plugins:' names a plugin that is not installed, failed to load or is disabled.",
    no_golden_file="its message and hint name the plugins installed where the file is loaded, so no golden text"
    " holds everywhere",
)
UNKNOWN_OPTION = _declare(
    "unknown-option",
    ERROR,
    RULE_FILE,
    "an unknown rule option",
    "A key under 'options:' that is not a rule option (the table above lists them).",
)
UNKNOWN_READING = _declare(
    "unknown-reading",
    ERROR,
    RULE_FILE,
    "an unknown reading in option 'readings'",
    "The 'readings' option lists readings that are not among those the table above lists.",
)

# -- patterns -----------------------------------------------------------------------------------

PATTERN_SYNTAX = _declare(
    "pattern-syntax",
    ERROR,
    PATTERN,
    "a pattern cannot be parsed",
    "An unclosed group or quote, a repeat with nothing before it, an invalid or slow /regex/,"
    " a repeat bound over the limit: the message says which, at the character.",
)
UNKNOWN_CAPTURE_TYPE = _declare(
    "unknown-capture-type",
    ERROR,
    PATTERN,
    "an unknown capture type",
    "A capture {name:TYPE} whose TYPE is neither ACTOR, TOPIC nor a phrase type defined earlier.",
)
UNKNOWN_TAG = _declare(
    "unknown-tag",
    ERROR,
    PATTERN,
    "an unknown part-of-speech tag",
    "A [TAG] in capitals that is neither a Universal POS tag nor a token class.",
)
UNKNOWN_TOKEN_CLASS = _declare(
    "unknown-token-class",
    ERROR,
    PATTERN,
    "an unknown token class",
    "A [class] in lower case that is not a token class such as [any], [word] or [number].",
)
UNDEFINED_LEXICON = _declare(
    "undefined-lexicon",
    ERROR,
    PATTERN,
    "a lexicon used is not defined",
    "An @name in a pattern or a rule option names no lexicon of the file or of what it imports.",
)
UNDEFINED_MACRO = _declare(
    "undefined-macro",
    ERROR,
    PATTERN,
    "a macro used is not defined",
    "A $NAME in a pattern names no macro of the file or of what it imports.",
)
UNDEFINED_PHRASE = _declare(
    "undefined-phrase",
    ERROR,
    PATTERN,
    "a phrase type used is not defined",
    "A <NAME> element names no phrase type of the file or of what it imports.",
)
PHRASE_BEFORE_DEFINITION = _declare(
    "phrase-before-definition",
    ERROR,
    PATTERN,
    "a phrase type is used before it is defined",
    "Phrases are found in the order they are written, so a phrase type can use only those above it (not itself).",
)
MACRO_CYCLE = _declare(
    "macro-cycle",
    ERROR,
    PATTERN,
    "a macro refers to itself",
    "A macro that uses itself, directly or through other macros, would never end.",
)
CAPTURE_IN_PHRASE = _declare(
    "capture-in-phrase",
    ERROR,
    PATTERN,
    "a phrase type's pattern captures",
    "Phrase type patterns cannot capture; rules capture the phrases.",
)
CAPTURE_TEST_SEQUENCE = _declare(
    "capture-test-sequence",
    ERROR,
    PATTERN,
    "a capture's test is longer than one token",
    "The tests after '&' in a capture apply to its head, one token, so they cannot be several words.",
    hint="write words, /regexes/, [classes], [TAGS] or lexicons of single words, each optionally negated with"
    " '!': {actor:ACTOR & !it}",
)
CONJUNCTION_SEQUENCE = _declare(
    "conjunction-sequence",
    ERROR,
    PATTERN,
    "'&' joins something longer than one token",
    "'&' joins tests of one token; a sequence or a group cannot be one of them.",
    hint="join words, /regexes/, [classes], [TAGS] or lexicons; a lexicon with entries of several words may come"
    " first, and the other tests then apply to its first word",
)
NEGATED_SEQUENCE = _declare(
    "negated-sequence",
    ERROR,
    PATTERN,
    "'!' negates something longer than one token",
    "'!' negates a test of one token, not a sequence, a group or a lexicon with entries of several words.",
    hint="negate a word, a /regex/, a [class] or a lexicon of single words",
)
HEAD_NOT_ONE_TOKEN = _declare(
    "head-not-one-token",
    ERROR,
    PATTERN,
    "a phrase type's head is not a test of one token",
    "The 'head:' of a phrase type picks one token of the phrase.",
    hint='write a tag or a set of tags such as "[NOUN] | [PROPN]"',
)
MISPLACED_ANCHOR = _declare(
    "misplaced-anchor",
    ERROR,
    PATTERN,
    "a sentence anchor where it can never match",
    "'^' (start of sentence) after a token, or '$' (end of sentence) before one.",
)
EMPTY_MATCH = _declare(
    "empty-match",
    ERROR,
    PATTERN,
    "a pattern can match no token at all",
    "Every element of the pattern (or phrase type) is optional, so it would match everywhere.",
    hint="make at least one element required (not followed by ? or *)",
)
NO_ACTOR = _declare(
    "no-actor",
    ERROR,
    PATTERN,
    "a rule captures no actor",
    "Every finding needs an actor: the pattern must capture one ({actor:ACTOR}) on every match.",
)
NO_TOPIC = _declare(
    "no-topic",
    ERROR,
    PATTERN,
    "a rule captures no topic",
    "Every finding needs a topic: the pattern must capture one ({topic:TOPIC}) on every match.",
)
PATTERN_TOO_LARGE = _declare(
    "pattern-too-large",
    ERROR,
    PATTERN,
    "a pattern expands past the step limit",
    "Nested repeats multiply; a pattern that compiles to more than 4,000 matching steps is refused.",
    hint="nested repeats multiply: use smaller bounds or fewer nested repeats",
)
NO_TRIGGER = _declare(
    "no-trigger",
    WARNING,
    PATTERN,
    "a rule has no word every match contains",
    "Without a required word or lexicon the prefilter cannot skip any sentence, so the rule is tried on all.",
    hint="add a required word or @lexicon so the prefilter can skip sentences",
)

# -- the rule set as a whole --------------------------------------------------------------------

DUPLICATE_RULE_ID = _declare(
    "duplicate-rule-id",
    ERROR,
    RULE_SET,
    "two rules have the same id",
    "Rule ids are unique across every file loaded together.",
)
UNUSED_LEXICON = _declare(
    "unused-lexicon",
    WARNING,
    RULE_SET,
    "a lexicon is never used",
    "No pattern, option or lexicon of the rule set uses it.",
)
UNUSED_MACRO = _declare(
    "unused-macro",
    WARNING,
    RULE_SET,
    "a macro is never used",
    "No pattern or macro of the rule set uses it.",
)
PHRASE_NAME_TAKEN = _declare(
    "phrase-name-taken",
    ERROR,
    RULE_SET,
    "a phrase type takes a name already used",
    "A phrase type named like a capture type (ACTOR), a part-of-speech tag or a token class"
    " could not be told apart from it.",
    hint="give the phrase type another name, such as NP or VG",
)
UNKNOWN_TAGGER = _declare(
    "unknown-tagger",
    ERROR,
    RULE_SET,
    "an unknown part-of-speech tagger",
    "The 'tagger:' of a file names no built-in tagger nor one a plugin provides.",
)
CONFLICTING_TAGGERS = _declare(
    "conflicting-taggers",
    ERROR,
    RULE_SET,
    "two files ask for different taggers",
    "A rule set runs one tagger, so every file that names one must name the same.",
    hint="a rule set runs one tagger: name the same one in every file, or leave 'tagger:' out",
    no_golden_file="one tagger is built in, so two known taggers need a plugin that provides another",
)

# -- actor and topic dictionaries ---------------------------------------------------------------

BAD_ID = _declare(
    "bad-id",
    ERROR,
    DICTIONARY,
    "an actor id is not valid",
    "Actor ids are letters, digits, '.', '_' and '-', starting with a letter or digit.",
    hint="use letters, digits, '.', '_' and '-', e.g. USA or KIRBY_JOHN",
)
BAD_GENDER = _declare(
    "bad-gender",
    ERROR,
    DICTIONARY,
    "an actor's gender is not male or female",
    "The 'gender:' of an actor (which pronouns refer to it) is misspelt.",
)
BAD_DATE = _declare(
    "bad-date",
    ERROR,
    DICTIONARY,
    "an affiliation's date is not valid",
    "'from:' and 'to:' are dates such as 2012-11-15 (or a year), and an affiliation ends after it starts.",
)
BAD_TOPIC_PATTERN = _declare(
    "bad-topic-pattern",
    ERROR,
    DICTIONARY,
    "a topic pattern is not a valid regular expression",
    "The 'patterns:' of a topic are Python regular expressions.",
    hint="write a Python regular expression, e.g. /cease-?fires?/",
)
DUPLICATE_ACTOR_ID = _declare(
    "duplicate-actor-id",
    ERROR,
    DICTIONARY,
    "two actors have the same id",
    "Actor ids are unique across every dictionary loaded together; an entry with 'extend: true'"
    " or 'override: true' changes the entry of its id loaded before it instead.",
    hint="give the actor its own id, or write 'extend: true' (add names) or 'override: true' (replace it)",
)
DUPLICATE_TOPIC_ID = _declare(
    "duplicate-topic-id",
    ERROR,
    DICTIONARY,
    "two topics have the same id",
    "Topic ids are unique across every dictionary loaded together; an entry with 'extend: true'"
    " or 'override: true' changes the entry of its id loaded before it instead.",
    hint="give each topic its own id, or write 'extend: true' (add aliases) or 'override: true' (replace it)",
)
UNKNOWN_ACTOR_ID = _declare(
    "unknown-actor-id",
    ERROR,
    DICTIONARY,
    "an actor is linked to an unknown actor",
    "A 'parent:' or affiliation 'id:' names no actor of the dictionaries, or an entry with"
    " 'extend: true' or 'override: true' has an id that no actor loaded before it has.",
)
UNKNOWN_TOPIC_ID = _declare(
    "unknown-topic-id",
    ERROR,
    DICTIONARY,
    "a topic has an unknown parent",
    "A topic's 'parent:' names no topic of the dictionaries, or an entry with 'extend: true' or"
    " 'override: true' has an id that no topic loaded before it has.",
)
BAD_TOPIC_AGREEMENT = _declare(
    "bad-topic-agreement",
    ERROR,
    DICTIONARY,
    "a concept's agreement is neither agree nor disagree",
    "A topic entry's 'agreement:' says whether its statements agree or disagree with the concept.",
    hint="write 'agreement: disagree' for statements against it",
)
SHARED_ACTOR_NAME = _declare(
    "shared-actor-name",
    WARNING,
    DICTIONARY,
    "one name names two actors",
    "A name or alias given to two actors is read as the first only.",
    hint="keep each name with one actor",
)
AFFILIATION_CYCLE = _declare(
    "affiliation-cycle",
    ERROR,
    DICTIONARY,
    "an actor belongs to itself through its links",
    "Parents and affiliations that lead back to the actor they start from.",
    hint="remove one of the links",
)
TOPIC_CYCLE = _declare(
    "topic-cycle",
    ERROR,
    DICTIONARY,
    "a topic is its own ancestor",
    "Topic parents that lead back to the topic they start from.",
    hint="remove one of the parents",
)

# -- the language profile -----------------------------------------------------------------------

UNKNOWN_LANGUAGE_SLOT = _declare(
    "unknown-language-slot",
    ERROR,
    LANGUAGE,
    "an unknown language slot",
    "A 'language:' key, a lexicon's 'include: language.<slot>' or an option naming a slot that does not exist.",
)

# -- test files ---------------------------------------------------------------------------------

MISSING_TESTS = _declare(
    "missing-tests",
    ERROR,
    TEST_FILE,
    "a test file named does not exist",
    "A test file given on the command line is not there.",
    no_golden_file="it is about a path given on the command line, not about a file's contents",
)
UNKNOWN_RULE = _declare(
    "unknown-rule",
    ERROR,
    TEST_FILE,
    "an expected finding names an unknown rule",
    "The 'rule:' of an expected finding is the id of no rule loaded with the test file.",
)
EXPECT_SYNTAX = _declare(
    "expect-syntax",
    ERROR,
    TEST_FILE,
    "a '# expect:' line is not key=value fields",
    "The fields of a '# expect:' line are key=value, separated by ';'.",
    hint="separate fields with ';', e.g. actor=Germany; polarity=support; topic=the sanctions",
)
EXPECT_NONE = _declare(
    "expect-none",
    ERROR,
    TEST_FILE,
    "'# expect: none' with other expectations for one line",
    "A line either gives no finding or gives the ones its '# expect:' lines list, not both.",
    hint="keep 'none' for a line that must give no finding, or remove it",
)
EXPECT_WITHOUT_TEXT = _declare(
    "expect-without-text",
    ERROR,
    TEST_FILE,
    "an annotation with no line of text after it",
    "'# expect:' and '# todo:' lines describe the next line of text, and there is none.",
    hint="write the sentence to test on the line after its '# expect:' lines",
)
TODO_WITHOUT_EXPECT = _declare(
    "todo-without-expect",
    ERROR,
    TEST_FILE,
    "a '# todo:' line for a line with no '# expect:'",
    "A todo marks an expectation that fails for now, so it needs one.",
    hint="add '# expect: ...' (or '# expect: none') for the line",
)
UNKNOWN_ANNOTATION = _declare(
    "unknown-annotation",
    ERROR,
    TEST_FILE,
    "a '# word:' comment that is not an annotation",
    "A comment that looks like an annotation but is not '# expect:' or '# todo:', usually misspelt.",
)

# -- what `stancekit check` adds ----------------------------------------------------------------

SLOW_NESTED_REPEAT = _declare(
    "slow-nested-repeat",
    WARNING,
    CHECK,
    "a repeat inside a repeat makes many copies",
    "Repeats are unrolled when rules compile, so a part repeated inside a repeat is copied outer x inner times.",
    hint="repeat one group of alternatives instead, e.g. (a | b){0,5} rather than (a* b?){0,5}, or lower the bounds",
)
SLOW_PATTERN = _declare(
    "slow-pattern",
    WARNING,
    CHECK,
    "a rule compiles to many matching steps",
    "A rule over 1,000 steps is slow to match; the hint names its heaviest parts.",
)
NO_EXAMPLES = _declare(
    "no-examples",
    WARNING,
    CHECK,
    "a rule without examples or counter-examples",
    "A rule is guarded by the examples it must find a stance in and the counter-examples it must not match.",
    hint="add 'examples:' (- text: ..., expect: [{actor: ..., polarity: ..., topic: ...}]) and"
    " 'counter_examples:' (- \"a sentence it must not match\"); `stancekit test` runs them",
)

#: Every code, in the order declared above (grouped by where the problem is found).
CATALOGUE: tuple[Code, ...] = tuple(_declared)
#: Each code by its name.
BY_NAME: dict[str, Code] = {code.name: code for code in CATALOGUE}


def listing() -> str:
    """One line per code: name, severity and title, as `stancekit check --list-codes` prints them."""
    width = max(len(code.name) for code in CATALOGUE)
    return "\n".join(f"{code.name:<{width}}  {code.severity:<7}  {code.title}" for code in CATALOGUE) + "\n"


def catalogue_markdown() -> str:
    """The table of codes in the "Broken rules" section of docs/rule-language.md."""
    lines = ["| code | severity | found in | what it means |", "|---|---|---|---|"]
    lines.extend(
        f"| `{code.name}` | {code.severity} | {code.area} | {code.doc.replace('|', chr(92) + '|')} |"
        for code in CATALOGUE
    )
    return "\n".join(lines) + "\n"
