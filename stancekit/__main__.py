"""`python -m stancekit` runs the command line."""

from stancekit.cli import main

main()
