"""Calendar periods that findings are counted in: day, week (ISO), month, quarter, year.

Labels sort in time order as strings ("2016-W39" < "2016-10" is never compared: one run uses
one kind of period), so a timeline is its labels sorted.
"""

from __future__ import annotations

import datetime

from stancekit.text.dates import parse_date

PERIODS = ("day", "week", "month", "quarter", "year")


def period_of(date: str | None, by: str) -> str | None:
    """The label of the period holding `date` ("2016-09-30" by month -> "2016-09"); None
    when the date cannot be read."""
    day = parse_date(date)
    return None if day is None else label(day, by)


def label(day: datetime.date, by: str) -> str:
    if by == "day":
        return day.isoformat()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{day.year}-{day.month:02d}"
    if by == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if by == "year":
        return str(day.year)
    raise ValueError(f"unknown period '{by}'; periods are {', '.join(PERIODS)}")


def first_day(period: str, by: str) -> datetime.date:
    """The first day of a period label: where a timeline places it."""
    if by == "day":
        return datetime.date.fromisoformat(period)
    if by == "week":
        year, week = period.split("-W")
        return datetime.date.fromisocalendar(int(year), int(week), 1)
    if by == "month":
        year, month = period.split("-")
        return datetime.date(int(year), int(month), 1)
    if by == "quarter":
        year, quarter = period.split("-Q")
        return datetime.date(int(year), 3 * (int(quarter) - 1) + 1, 1)
    if by == "year":
        return datetime.date(int(period), 1, 1)
    raise ValueError(f"unknown period '{by}'; periods are {', '.join(PERIODS)}")
