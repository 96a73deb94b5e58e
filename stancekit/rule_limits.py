"""Every limit stancekit puts on the rule files it reads, in one place (and listed in
docs/rule-language.md, "Limits"); what a scan reads is bounded by `stancekit.text.limits`.

Rule files come from pull requests and corpora from scrapers: neither is trusted. Each limit
below is far above what a real rule set needs (the bundled pack is 143 KB in 10 files, its
largest lexicon has a few hundred entries, its largest rule about 600 matching steps), and
low enough that a file written to hang or exhaust a scan is refused in well under a second,
with an error that says which limit it crossed.
"""

from __future__ import annotations

#: Largest rule, lexicon or dictionary file read, in bytes. Larger files are refused before
#: they are parsed.
MAX_RULE_FILE_BYTES = 5 * 1024 * 1024

#: YAML aliases (`*name`) a rule file may use, counting each alias inside an aliased value
#: again every time that value is used: what the file would be after expanding them. Nine
#: levels of nine aliases (the "billion laughs") would be 435 million; this stops it at 101.
MAX_YAML_ALIASES = 100

#: How deeply aliases may nest: an alias whose value holds an alias whose value holds ...
MAX_YAML_ALIAS_DEPTH = 10

#: How deeply lists and mappings may nest in a rule file (the bundled pack needs 6).
MAX_YAML_NESTING = 64

#: Entries of one lexicon.
MAX_LEXICON_ENTRIES = 100_000

#: The largest bound of a pattern repeat, `[any]{0,50}`.
MAX_REPEAT = 50

#: Matching steps one pattern may compile to (nested repeats multiply); the largest rules of
#: the bundled pack have under 600.
MAX_PROGRAM_SIZE = 4000
