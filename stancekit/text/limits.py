"""The limits a scan puts on one document and one sentence, in one place (listed in docs/scanning.md).

Corpora come from scrapers, OCR and database dumps: a table with no full stop, or a whole
site dumped on one line, must not hang or exhaust a scan. Matching a sentence costs more
than its length (each finding looks back over its clause, and carries its sentence's text),
so a sentence is kept to a size where that is cheap; a document is kept to a size whose
scan fits in memory. Both limits are far above real text: the longest sentence in 2,225 BBC
articles is 1,902 characters (a list of film titles), the longest of the PolNeAr news
articles 504.
"""

from __future__ import annotations

#: A sentence longer than this many characters is cut into pieces of at most this length,
#: each scanned as a sentence of its own (and the document is named in one warning). The
#: cut is made at the last fallback boundary in the second half of the piece: a line break,
#: else clause punctuation (`;` `:` `,` `|` a dash) followed by a space, else a space; text
#: without any of these is cut at the limit itself.
MAX_SENTENCE_CHARS = 3000

#: Characters of a document's overlong sentences that are scanned in pieces. Text that runs
#: past `MAX_SENTENCE_CHARS` without a sentence end is not prose (a table, a dump, a list of
#: names), and every piece of it can hold trigger words: a 50 MB table on one line took
#: forty minutes. Past this many characters of such text, an overlong sentence is left
#: unscanned (its pieces not made) and the document is named in a warning; the document's
#: ordinary sentences, before and after, are all scanned. Half a million characters is
#: about 90,000 words: more than ten hours of a transcript written without full stops.
MAX_CUT_TEXT_CHARS = 500_000

#: Characters of one document that are scanned. The text after the cap (cut at a line
#: break or space near it) is not scanned, and the document is named in a warning. At about
#: 8 bytes of memory per character scanned, the cap keeps a scan's memory under about 1 GB
#: whatever the document.
MAX_DOCUMENT_CHARS = 100_000_000

#: Sentences searched back from a mention for who holds its role ("the prime minister" after
#: "Prime Minister Ana Ruiz") and for the fuller name a surname stands for: at most this many
#: sentences and this many characters, whichever is reached first. The longest article
#: among 2,225 BBC and the PolNeAR articles has 377 sentences and 33,672 characters; a
#: document of millions of sentences (a site dumped as one file) would otherwise be searched
#: back to its start for each mention, and its scan would take time that grows with the
#: square of its length.
LOOKBACK_SENTENCES = 500
LOOKBACK_CHARS = 100_000

#: Sentences whose tokens and mentions a document's scan keeps at a time, at most this many
#: and this many characters (an older one is tokenised again when needed). Bounds the memory
#: of a scan by the size of its recent sentences rather than of the whole document; holds
#: more than a search back reaches, so that the search never makes a sentence again, and a
#: whole document of up to `WHOLE_DOCUMENT_CHARS`, which the search for who holds an office
#: reads once for each office.
CONTEXT_SENTENCES = 2 * LOOKBACK_SENTENCES
CONTEXT_CHARS = 1_000_000

#: Characters back from a pointing topic ("the plan") within which the phrase it refers to is
#: looked for, and a surname's or a role's person, in a document longer than
#: `WHOLE_DOCUMENT_CHARS`: such a document is read a stretch at a time, each character
#: tokenised and tagged at most twice, so that its memory stays bounded and its time linear.
ANTECEDENT_REACH_CHARS = 100_000

#: A document up to this many characters is read whole for its pointing topics, surnames and
#: roles (the longest BBC or PolNeAR article has 33,672).
WHOLE_DOCUMENT_CHARS = 1_000_000
