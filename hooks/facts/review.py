"""Facts that change over time: when each was last checked, and which are due to be checked again.

A fact may carry `checked: YYYY-MM-DD` (the day it was last compared with its source) and
`review_by: YYYY-MM-DD` (check it again by then). Facts whose value can change (user counts,
spending outlooks, "still unreleased", "no newer model") must carry both (facts/SCHEMA.md).

- `check_due(registry, pages)`: a warning for each fact whose review date has passed, naming
  the fact, its registry line and the pages that cite it (the build and `python -m hooks check`).
- `python -m hooks facts --due [--on YYYY-MM-DD]` (hooks/commands/facts.py) lists the due facts
  and exits 1 when any is due (the weekly scheduled job prints it).
- `checked_phrase(fact, lang)`: "checked 2 December 2026" / "2 दिसंबर 2026 को जाँचा गया".
"""
from __future__ import annotations

import datetime as dt
import os
import re

from hooks.core.findings import Finding
from hooks.facts.values import parse_iso_date, render_date

EXIT_OK, EXIT_DUE, EXIT_USAGE = 0, 1, 2
TODAY_ENV = "FACTS_TODAY"   # YYYY-MM-DD: the day the build counts as today (tests, previews)


DAY_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_day(text: str) -> str:
    """`text` as a day YYYY-MM-DD, or ValueError saying why. Python's date.fromisoformat also
    takes 20270114 and 2027-W03-4, which then compare as strings against YYYY-MM-DD dates:
    only the one form is a day here."""
    text = str(text).strip()
    if not DAY_RE.fullmatch(text):
        raise ValueError(f"'{text[:40]}' is not a date written YYYY-MM-DD")
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a day of the calendar") from None
    return text


def today_problem() -> str | None:
    """What is wrong with $FACTS_TODAY, if it is set and is not a day YYYY-MM-DD."""
    forced = os.environ.get(TODAY_ENV, "").strip()
    if not forced:
        return None
    try:
        parse_day(forced)
    except ValueError as err:
        return f"{TODAY_ENV}={forced[:40]}: {err}"
    return None


def today() -> str:
    """Today as YYYY-MM-DD, or the day in $FACTS_TODAY. A $FACTS_TODAY that is not a day is
    not used (the real date is), and today_problem() says so: the checks report it
    (checks.load_project) and the commands refuse it."""
    forced = os.environ.get(TODAY_ENV, "").strip()
    if forced and today_problem() is None:
        return forced
    return dt.date.today().isoformat()


def checked_phrase(fact, lang: str) -> str | None:
    """When the fact was last checked against its source, in the page's language; None when
    the registry does not say."""
    checked = getattr(fact, "checked", None)
    if not checked:
        return None
    when = render_date(parse_iso_date(checked), lang)
    return f"checked {when}" if lang == "en" else f"{when} को जाँचा गया"


def review_phrase(fact, lang: str) -> str | None:
    """"to be checked again by 1 March 2027" / "1 मार्च 2027 तक दोबारा जाँचा जाएगा"."""
    review_by = getattr(fact, "review_by", None)
    if not review_by:
        return None
    when = render_date(parse_iso_date(review_by), lang)
    return f"to be checked again by {when}" if lang == "en" else f"{when} तक दोबारा जाँचा जाएगा"


def due_facts(registry, on: str | None = None) -> list:
    """Facts whose review date is on or before `on` (default: today), in registry order."""
    on = on or today()
    return [f for f in registry.facts.values() if f.review_by and f.review_by <= on]


def citing(pages) -> dict[str, list[str]]:
    """fact id -> the paths of the pages that cite it (both languages), in page order."""
    found: dict[str, list[str]] = {}
    for page in pages:
        for ref in page.fact_refs:
            paths = found.setdefault(ref.id, [])
            if page.path not in paths:
                paths.append(page.path)
    return found


def check_due(registry, pages, on: str | None = None) -> list[Finding]:
    """A warning (not an error) for each fact due for review."""
    on = on or today()
    cited = citing(pages)
    found = []
    for fact in due_facts(registry, on):
        where = ", ".join(cited.get(fact.id, [])) or "no page"
        found.append(Finding(
            registry.path, fact.lines.get("review_by", fact.line), 1, "fact-review-due",
            f"fact '{fact.id}' was due to be checked again by {fact.review_by} (last checked "
            f"{fact.checked}); cited on {where}",
            "compare it with its source (or look for a newer figure), then set checked: to today "
            "and review_by: to the next date to look again", severity="warning"))
    return found
