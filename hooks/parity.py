"""Twins in English and Hindi: both exist, and have the same shape."""
from __future__ import annotations

import posixpath
import re

from .findings import Finding
from .mdscan import SourcePage

from .settings import SUPPORTED

LANGUAGES = tuple(SUPPORTED)   # the site's own come from mkdocs.yml (Project.languages)
SUFFIX_RE = re.compile(r"\.([A-Za-z]{2,3}(?:[-_][A-Za-z]+)?)\.md$")


def check_languages(rels, languages=LANGUAGES) -> list[Finding]:
    """A file named page.xx.md where xx is not a site language is never published."""
    found = []
    for rel in rels:
        m = SUFFIX_RE.search(rel)
        if m and m.group(1) not in languages:
            found.append(Finding(f"docs/{rel}", 1, 1, "i18n-unknown-language",
                                 f"'{m.group(1)}' is not a language of this site ({', '.join(languages)})",
                                 f"rename it to {rel[:m.start()]}.hi.md for Hindi, or "
                                 f"{rel[:m.start()]}.md for English"))
    return found


def check_missing(grouped: dict, not_translated=()) -> list[Finding]:
    """Every English page has a Hindi twin unless listed as not translated yet, and vice versa."""
    found = []
    for key, pair in sorted(grouped.items()):
        if _unknown_language(key):
            continue  # i18n-unknown-language already says what to do with this file
        if "en" in pair and "hi" not in pair and key not in not_translated:
            found.append(Finding(pair["en"].path, 1, 1, "i18n-missing-twin",
                                 f"{key} has no Hindi twin",
                                 f"write docs/{key[:-3]}.hi.md (python -m hooks new can start it), or "
                                 f"list {key} under extra.checks.not_translated in mkdocs.yml"))
        if "hi" in pair and "en" not in pair:
            found.append(Finding(pair["hi"].path, 1, 1, "i18n-missing-twin",
                                 f"{pair['hi'].rel} has no English original {key}",
                                 f"write docs/{key} or rename this file"))
    return found


def _unknown_language(rel: str, languages=LANGUAGES) -> bool:
    m = SUFFIX_RE.search(rel)
    return bool(m) and m.group(1) not in languages


def check_not_translated(grouped: dict, not_translated, config_text: str,
                         config_path: str = "mkdocs.yml") -> list[Finding]:
    """Each entry of extra.checks.not_translated names an English page that has no Hindi twin."""
    lines = config_text.splitlines()

    def at(entry: str) -> int:
        hits = [n for n, line in enumerate(lines, start=1) if entry in line]
        return hits[-1] if hits else 1

    found = []
    for entry in not_translated:
        entry = str(entry)
        pair = grouped.get(entry, {})
        if "en" not in pair:
            close = [k for k in grouped if posixpath.basename(k) == posixpath.basename(entry)]
            found.append(Finding(config_path, at(entry), 1, "i18n-not-translated-unknown",
                                 f"not_translated lists '{entry}', which is not a page in docs/",
                                 f"write the path as in docs/, e.g. {close[0]}" if close
                                 else "remove the entry, or correct the path (docs-relative, e.g. race.md)"))
        elif "hi" in pair:
            found.append(Finding(config_path, at(entry), 1, "i18n-not-translated-done",
                                 f"not_translated lists '{entry}', but {pair['hi'].path} exists",
                                 "remove the entry: the page is translated", severity="warning"))
    return found


def _internal_targets(page: SourcePage) -> list[str]:
    targets = []
    for link in page.links:
        t = link.target
        if re.match(r"^[a-z][a-z0-9+.-]*:", t) or link.kind == "image":
            continue
        path, _, anchor = t.partition("#")
        path = re.sub(r"\.hi\.md$", ".md", path)
        targets.append(f"{path}#{anchor}" if anchor else path)
    return targets


def _images(page: SourcePage) -> list[str]:
    """Images compared by name without the language part: moe-router.en.svg ~ moe-router.hi.svg."""
    return [re.sub(r"\.(en|hi)(\.\w+)$", r"\2", posixpath.basename(l.target))
            for l in page.links if l.kind == "image"]


def check_structure(en: SourcePage, hi: SourcePage) -> list[Finding]:
    found = []

    def report(page, line, rule, message, hint):
        found.append(Finding(page.path, line, 1, rule, message, hint))

    en_h = [h for h in en.headings if h.level in (2, 3)]
    hi_h = [h for h in hi.headings if h.level in (2, 3)]
    for page in (en, hi):
        for h in page.headings:
            if h.level in (2, 3) and not h.id:
                report(page, h.line, "i18n-heading-id", f"heading '{h.text}' has no explicit id",
                       "add an ASCII id, the same in both languages: ## Title {#some-id}")
            elif h.id and not re.match(r"^[A-Za-z][\w-]*$", h.id):
                report(page, h.line, "i18n-heading-id", f"heading id '{h.id}' is not ASCII",
                       "use letters, digits and hyphens")
    for level in (2, 3):
        n_en = sum(1 for h in en_h if h.level == level)
        n_hi = sum(1 for h in hi_h if h.level == level)
        if n_en != n_hi:
            report(hi, 1, "i18n-structure", f"{n_hi} h{level} headings here, {n_en} in {en.path}",
                   "give both versions the same sections")
    en_ids = [h.id for h in en_h]
    hi_ids = [h.id for h in hi_h]
    if en_ids != hi_ids:
        for h in hi_h:
            if h.id and h.id not in en_ids:
                report(hi, h.line, "i18n-structure", f"heading id '{h.id}' is not in {en.path}",
                       f"use the English ids: {', '.join(i for i in en_ids if i)}")
        for h in en_h:
            if h.id and h.id not in hi_ids:
                report(hi, 1, "i18n-structure", f"heading id '{h.id}' of {en.path} is missing here",
                       f"add the section with {{#{h.id}}}")
        if set(en_ids) == set(hi_ids):
            report(hi, 1, "i18n-structure", "the sections are in a different order than in English",
                   "keep the English order")
    if sorted(_images(en)) != sorted(_images(hi)):
        report(hi, 1, "i18n-structure",
               f"images differ from {en.path}: {sorted(_images(hi))} vs {sorted(_images(en))}",
               "use the same images and diagrams (a .hi version of each)")
    if en.code_blocks != hi.code_blocks:
        report(hi, 1, "i18n-structure", f"{hi.code_blocks} code blocks here, {en.code_blocks} in {en.path}",
               "keep the same code blocks")
    en_t, hi_t = set(_internal_targets(en)), set(_internal_targets(hi))
    if en_t != hi_t:
        extra = sorted(hi_t - en_t)
        lacking = sorted(en_t - hi_t)
        report(hi, 1, "i18n-structure",
               "internal links differ from English"
               + (f"; only here: {', '.join(extra)}" if extra else "")
               + (f"; only in English: {', '.join(lacking)}" if lacking else ""),
               "link the same pages and anchors in both versions")
    return found
