"""Reading one cell of an HRIS export as the value it stands for: an FTE, a date, an amount and its period, a
workforce type, a yes/no. Each returns the value, or raises ValueError with what is wrong in words."""

from __future__ import annotations

import datetime as dt
import re

from orgdocs.model.common import MAX_AMOUNT

# hours a year, days, weeks...: the annual amount of a rate for one period (2,080 = 52 weeks × 40 hours)
PERIODS = {"hour": 2080, "day": 260, "week": 52, "biweekly": 26, "semimonthly": 24, "month": 12, "quarter": 4,
           "year": 1}
_PERIOD_WORDS = {
    "hour": "hour|hourly|hr|hrs|per hour|h", "day": "day|daily|per day", "week": "week|weekly|wk|per week",
    "biweekly": "biweekly|bi-weekly|every two weeks|fortnight|fortnightly",
    "semimonthly": "semimonthly|semi-monthly|twice a month", "month": "month|monthly|mo|per month|mth",
    "quarter": "quarter|quarterly", "year": "year|yearly|annual|annually|annum|per year|yr|salary|pa|p.a.",
}
PERIOD_NAMES = {w: p for p, words in _PERIOD_WORDS.items() for w in words.split("|")}

_WORKFORCE = (
    ("intern", ("intern", "internship", "working student", "werkstudent", "apprentice", "trainee", "student")),
    ("vendor", ("vendor", "partner", "outsourced", "agency", "supplier")),
    ("contractor", ("contractor", "contract", "contingent", "freelance", "freelancer", "consultant", "temporary",
                    "temp", "external", "1099", "seasonal")),
    ("employee", ("employee", "full-time", "full time", "fulltime", "part-time", "part time", "parttime",
                  "permanent", "regular", "salaried", "hourly", "internal", "fixed term", "fixed-term", "staff",
                  "w2", "w-2", "member", "exempt", "non-exempt")),
)
_TRUE = {"true", "yes", "y", "1", "open", "x"}
_FALSE = {"false", "no", "n", "0", ""}


_SEEN: dict[str, str | None] = {}  # an export repeats a handful of employment types


def workforce(text: str) -> str | None:
    """employee, contractor, vendor or intern, or None when the words say none of them."""
    if text not in _SEEN:
        _SEEN[text] = _workforce(text) if len(_SEEN) < 10_000 else None
    return _SEEN[text] if len(_SEEN) < 10_000 else _workforce(text)


def _workforce(text: str) -> str | None:
    low = text.lower()
    for kind, words in _WORKFORCE:
        if any(re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", low) for w in words):
            return kind
    return None


def yes(text: str) -> bool:
    low = text.strip().lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"not true or false: {text!r}")


def number(text: str) -> float:
    cleaned = text.replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"not a number: {text!r}") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a number: {text!r}")
    return value


def fte(text: str) -> float:
    """0 < FTE <= 1, written 0.8 or 80%."""
    percent = text.strip().endswith("%")
    value = number(text.strip().rstrip("%"))
    if percent:
        value /= 100
    if not 0 < value <= 1:
        raise ValueError(f"FTE {text!r} is not above 0 and at most 1 (write 0.8 or 80%)")
    return value


def hours(text: str, full_time: float) -> float:
    """The FTE of weekly hours (at most 1: overtime is not a second seat)."""
    value = number(text)
    if not 0 < value <= 168:
        raise ValueError(f"{text!r} hours a week is not above 0 and at most 168")
    return min(1.0, round(value / full_time, 4))


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_YMD = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def date(text: str) -> dt.date:
    """2021-03-01 (or with a time), 2021/03/01, 01.03.2021 (day first), 03/01/2021 (month first unless the
    first number is over 12)."""
    t = text.strip()
    try:
        if m := _ISO.match(t) or _YMD.match(t):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DOTTED.match(t):
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if m := _SLASHED.match(t):
            a, b = int(m.group(1)), int(m.group(2))
            return dt.date(int(m.group(3)), b, a) if a > 12 else dt.date(int(m.group(3)), a, b)
    except ValueError as exc:
        raise ValueError(f"not a date: {text!r} ({exc})") from None
    raise ValueError(f"not a date: {text!r} (write 2021-03-01)")


_AMOUNT = re.compile(r"^\s*([$€£¥])?\s*([A-Z]{3})?\s*([\d,]+(?:\.\d+)?)\s*([kK])?\s*([A-Z]{3})?\s*"
                     r"(?:/\s*([A-Za-z. -]+))?\s*$")


def amount(text: str) -> tuple[float, str | None, str | None]:
    """An amount as its number, the currency code or sign written with it, and a period written after a '/'
    ("$45.50/hr")."""
    m = _AMOUNT.match(text)
    if not m:
        raise ValueError(f"not an amount: {text!r}")
    value = float(m.group(3).replace(",", "")) * (1000 if m.group(4) else 1)
    if value > MAX_AMOUNT:
        raise ValueError(f"{text!r} is over the largest amount orgdocs accepts (10^12)")
    return value, m.group(2) or m.group(5) or m.group(1), m.group(6)


def period(text: str) -> int:
    """How many of the period make a year."""
    key = text.strip().lower().removeprefix("per ").strip()
    if key in PERIOD_NAMES:
        return PERIODS[PERIOD_NAMES[key]]
    raise ValueError(f"not a pay period: {text!r} (write hour, day, week, month or year)")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")  # as render/escape.py's guard


def unguarded(text: str) -> str:
    """A CSV cell without the apostrophe the roster export puts before a text a spreadsheet would run as a
    formula ('=Bob → =Bob, and ''=Bob → '=Bob: the export adds one before apostrophes already there); any other
    text as it is."""
    bare = text.lstrip("'")
    if text.startswith("'") and bare.lstrip(" ").startswith(_FORMULA_START) and \
            not _PLAIN_NUMBER.fullmatch(bare.strip()):
        return text[1:]
    return text
