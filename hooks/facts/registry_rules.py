"""Rules over the registry as a whole, after each entry is read (hooks/facts/registry.py):
supersession chains without cycles or loose ends, confirmed facts on more than relays, review
dates on the latest figure of a chain, one dated fact per event; and the chains themselves.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from hooks.core.findings import Finding
from hooks.facts.values import Date

if TYPE_CHECKING:
    from hooks.facts.registry import Fact, Registry


def _check_source_kinds(registry: Registry, path: str) -> list[Finding]:
    """A confirmed fact needs the party's own record or a news organisation's report."""
    found = []
    for fact in registry.facts.values():
        if fact.status == "confirmed" and fact.sources and all(s.kind == "relay" for s in fact.sources):
            found.append(Finding(path, fact.lines.get("status", fact.line), 1, "registry-relay-only",
                                 f"fact '{fact.id}' is marked confirmed but rests on relays only "
                                 f"({', '.join(s.publisher for s in fact.sources)})",
                                 "cite the original (kind: primary or report) or mark it "
                                 "status: reported"))
    return found


def _check_review_needed(registry: Registry, path: str) -> list[Finding]:
    """The latest figure of a chain of superseded figures changes over time: it needs review dates
    (unless `settled: true` says its value can no longer change, like a year's actual spending)."""
    heads = {f.superseded_by for f in registry.facts.values() if f.superseded_by}
    found = []
    for fact in registry.facts.values():
        if fact.id in heads and not fact.superseded_by and not fact.settled and not fact.review_by:
            found.append(Finding(path, fact.line, 1, "registry-review",
                                 f"fact '{fact.id}' is the latest figure of a chain that changes "
                                 "over time, but has no review dates",
                                 "add 'checked: YYYY-MM-DD' and 'review_by: YYYY-MM-DD', or "
                                 "'settled: true' if the figure can no longer change"))
    return found


def _label_words(text: str) -> set:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 2}


def same_event(a: Fact, b: Fact) -> bool:
    """Two dated facts record the same event: the same `event:` key, or, when neither names its
    event, the same topic, dates that agree (one may be less precise), and labels that share most
    of their words."""
    if not isinstance(a.value, Date) or not isinstance(b.value, Date):
        return False
    if a.event or b.event:
        return a.event is not None and a.event == b.event
    if a.topic != b.topic or a.status == "superseded" or b.status == "superseded":
        return False
    da, db = a.value.iso(), b.value.iso()
    if not (da.startswith(db) or db.startswith(da)):
        return False
    wa, wb = _label_words(a.label["en"]), _label_words(b.label["en"])
    if not wa or not wb:
        return False
    return len(wa & wb) / min(len(wa), len(wb)) >= 0.75


def _check_events(registry: Registry, path: str) -> list[Finding]:
    """One event, one fact: a second dated fact for the same event is a finding at the second."""
    found = []
    dated = [f for f in registry.facts.values() if isinstance(f.value, Date)]
    for i, later in enumerate(dated):
        for earlier in dated[:i]:
            if same_event(earlier, later):
                found.append(Finding(path, later.line, 1, "registry-same-event",
                                     f"facts '{earlier.id}' (line {earlier.line}) and '{later.id}' "
                                     f"record the same event ({earlier.value.iso()} / "
                                     f"{later.value.iso()})",
                                     f"keep one fact and cite '{earlier.id}' instead, or give each "
                                     "its own 'event:' key if they are different events"))
                break
    return found


def _check_supersession(registry: Registry, path: str) -> list[Finding]:
    """superseded_by names a known fact, and following it never comes back to where it began."""
    found = []
    for fact in registry.facts.values():
        if not fact.superseded_by:
            continue
        if fact.superseded_by == fact.id:
            found.append(Finding(path, fact.line, 1, "registry-field",
                                 f"fact '{fact.id}', field 'superseded_by': names the fact itself",
                                 "name the later fact that replaced this one"))
            continue
        if fact.superseded_by not in registry.facts:
            if fact.superseded_by not in registry.invalid:
                found.append(Finding(path, fact.line, 1, "registry-field",
                                     f"fact '{fact.id}', field 'superseded_by': unknown fact "
                                     f"'{fact.superseded_by}'", "name an existing fact id"))
            continue
        chain, current = [fact.id], registry.facts[fact.superseded_by]
        while current.superseded_by and current.superseded_by in registry.facts:
            chain.append(current.id)
            if current.superseded_by == fact.id:
                # Report a cycle once, at the fact of the cycle that comes first in the file.
                if fact.line == min(registry.facts[i].line for i in chain):
                    found.append(Finding(path, fact.line, 1, "registry-field",
                                         f"fact '{fact.id}', field 'superseded_by': the chain "
                                         f"{' -> '.join(chain + [fact.id])} comes back to itself",
                                         "the latest fact in a chain has no superseded_by"))
                break
            if current.superseded_by in chain:
                break  # a cycle further on, reported from one of its own facts
            current = registry.facts[current.superseded_by]
    return found


def chains(registry: Registry) -> list[list]:
    """Every chain of superseded figures, each from its first figure to the latest."""
    later = {f.superseded_by for f in registry.facts.values() if f.superseded_by}
    found = []
    for fact in registry.facts.values():
        if not fact.superseded_by or fact.id in later:
            continue  # not the first of a chain
        chain, seen = [fact], {fact.id}
        while chain[-1].superseded_by in registry.facts and chain[-1].superseded_by not in seen:
            chain.append(registry.facts[chain[-1].superseded_by])
            seen.add(chain[-1].id)
        found.append(chain)
    return found
