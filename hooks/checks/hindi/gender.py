"""Grammatical gender of names (names.yaml): a company with a masculine verb, a product with
a feminine one. A heuristic over the clause, hence a warning.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hooks.core.findings import Finding
from hooks.checks.hindi.base import DEV, NAMES
from hooks.checks.hindi.wordlists import load_names

# Words after a name that end the subject: the name is not the subject of the next verb.
NOT_SUBJECT = {"का", "की", "के", "को", "ने", "से", "में", "पर", "तक", "और", "या", "व", "जैसी", "जैसे",
               "जैसा", "समेत", "वाले", "वाली", "वाला", "जो", "जिसे", "जिसने", "जिसके", "जिसकी", "जिसका"}
STOP_WORDS = {"जो", "जिसे", "जिसने", "जिन्हें", "जिनके", "जब", "कि", "अगर", "तो", "लेकिन", "पर", "बल्कि"}
AUX = {"है", "हैं", "था", "थी", "थे", "होगा", "होगी", "हो"}
MASCULINE = {"सकता", "रहा", "गया", "चुका", "लगा", "पाया", "हुआ"}
FEMININE = {"सकती", "रही", "गई", "गयी", "चुकी", "लगी", "पाई", "हुई"}
CLAUSE_END = re.compile(r"[।,;:?!()\"“”‘’]|\n\s*\n")
TOKEN_RE = re.compile(rf"[{DEV}]+|[A-Za-z0-9][\w.-]*")


def _gender_of_verb(tokens: list[str]) -> tuple[str, int] | None:
    for i, tok in enumerate(tokens[:14]):
        if tok in STOP_WORDS and i > 0:
            return None
        if tok in ("वाला", "वाली") and i > 0 and tokens[i - 1].endswith("ने"):   # करने वाला था
            return ("masculine" if tok == "वाला" else "feminine"), i
        if tok in MASCULINE:
            return "masculine", i
        if tok in FEMININE:
            return "feminine", i
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if re.search("(?:ता|ेगा)$", tok) and (nxt in AUX or tok.endswith("ेगा")):
            return "masculine", i
        if re.search("(?:ती|ेगी)$", tok) and (nxt in AUX or tok.endswith("ेगी")):
            return "feminine", i
    return None


@lru_cache(maxsize=4)
def _gender_names(path: str = str(NAMES)) -> tuple[dict, re.Pattern]:
    """{latin: (rank, Name)} of the names with a gender (rank 0 the longest) and one pattern that
    finds, at each place, the longest of them (a look-ahead: every start is tried)."""
    names = sorted((n for n in load_names(path) if n.gender), key=lambda n: -len(n.latin))
    ranks: dict = {}
    for i, n in enumerate(names):
        ranks.setdefault(n.latin, (i, n))
    alternatives = "|".join(re.escape(n.latin) + r"(?![\w-])" for n in names) or "(?!)"
    return ranks, re.compile(rf"(?<![\w-])(?=({alternatives}))")


def check_gender(page, text, where, skip_lines) -> list[Finding]:
    """A company as the subject of a masculine verb, or a product of a feminine one (a heuristic)."""
    names, pattern = _gender_names()
    taken: list[tuple[int, int]] = []
    found = []
    # One pass over the text finds, at each place, the longest name written there; the names are
    # then taken longest first (a name inside a longer one is not a name of its own), as when
    # each name was searched on its own.
    hits = sorted(((names[m.group(1)][0], m.start(), m.start() + len(m.group(1)))
                   for m in pattern.finditer(text)))
    for _, start, stop in hits:
        name = names[text[start:stop]][1]
        if any(a <= start < b for a, b in taken):
            continue
        taken.append((start, stop))
        end = CLAUSE_END.search(text, stop)
        clause = text[stop: end.start() if end else len(text)][:200]
        tokens = TOKEN_RE.findall(clause)
        # Skip the rest of a Latin name (Llama 4 Scout) and a first word that ends the subject.
        while tokens and re.match(r"[A-Za-z0-9]", tokens[0]):
            tokens.pop(0)
        if not tokens or tokens[0] in NOT_SUBJECT or "ने" in tokens[:6]:
            continue
        verb = _gender_of_verb(tokens)
        if verb is None or verb[0] == name.gender:
            continue
        line, col = where(start)
        if line in skip_lines:
            continue
        word = tokens[verb[1]]
        found.append(Finding(page.path, line, col, "hi-gender",
                             f"{name.latin} is {name.gender} on this site, but '{word}' is {verb[0]}",
                             f"make the verb {name.gender} (hooks/data/names.yaml: companies take the "
                             "gender of कंपनी, models and products of मॉडल)", "warning"))
    return found
