"""Discourse Network Analyzer (DNA) databases in and out.

DNA is where policy researchers code statements by hand: a person, an organization, a concept
and an agreement qualifier, marked on a span of a document. `schema` creates an empty DNA 3
database as DNA itself does, `write` fills one with documents and the statements stancekit
found (so a coder can review them in DNA), `read` takes coded statements back out of a DNA
file, and `score` counts how many of them a set of findings recovers, the way DNA users count
statements.

    from stancekit.dna import write_database, read_database
    write_database("review.dna", documents, statements)
    coded = read_database("coded.dna")
"""

from stancekit.dna.read import CodedDatabase, CodedStatement, DnaReadError, read_database
from stancekit.dna.write import DnaDocument, DnaStatement, write_database

__all__ = [
    "CodedDatabase",
    "CodedStatement",
    "DnaDocument",
    "DnaReadError",
    "DnaStatement",
    "read_database",
    "write_database",
]
