"""Exit codes of the `stancekit` command, declared in one place (and listed in docs/scanning.md, "Exit codes").

CI jobs branch on these, so they never change meaning:

    0  OK               the command did what was asked
    1  FINDINGS_DIFFER  tests failed, or findings changed where --fail-on-change was given
    2  USAGE            the command line is wrong (unknown option, missing argument)
    3  RULE_ERROR       a rule file is broken; every problem is printed with file:line:col
    4  INPUT_ERROR      an input path is missing or unreadable (the rest is still scanned),
                        or the output file cannot be written. Unreadable includes a path
                        that is no regular file (a named pipe, socket or device file), a
                        symbolic link that loops, points nowhere or leads to a folder, and a
                        file name that is not UTF-8: each is reported by path and skipped.
                        A document skipped for what it holds (a binary file, a malformed
                        JSONL line) is a warning, counted in the summary, and leaves 0.
    5  INTERNAL_ERROR   a bug in stancekit; please report it with the message printed
  130  INTERRUPTED      stopped with Ctrl-C; output written so far is complete and valid
"""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS_DIFFER = 1
    USAGE = 2
    RULE_ERROR = 3
    INPUT_ERROR = 4
    INTERNAL_ERROR = 5
    INTERRUPTED = 130
