"""Twins in English and Hindi: both exist, and have the same shape."""
from __future__ import annotations

import posixpath
import re

from hooks.core.findings import Finding
from hooks.core.mdscan import FENCE_RE, SourcePage

from hooks.core.settings import SUPPORTED

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


def _internal_targets(page: SourcePage) -> list[tuple[str, int]]:
    """(target, line) of each internal link, the Hindi suffix taken off: both twins link page.md."""
    targets = []
    for link in page.links:
        t = link.target
        if re.match(r"^[a-z][a-z0-9+.-]*:", t) or link.kind == "image":
            continue
        path, _, anchor = t.partition("#")
        path = re.sub(r"\.hi\.md$", ".md", path)
        targets.append((f"{path}#{anchor}" if anchor else path, link.line))
    return targets


def _images(page: SourcePage) -> list[tuple[str, int]]:
    """(name, line) of each image, the language part taken off: moe-router.en.svg ~ moe-router.hi.svg."""
    return [(re.sub(r"\.(en|hi)(\.\w+)$", r"\2", posixpath.basename(l.target)), l.line)
            for l in page.links if l.kind == "image"]


def code_blocks(page: SourcePage) -> list[tuple[str, int]]:
    """(language, line) of each fenced code block, as mdscan found them: a fence line that
    mdscan blanked out of the page's prose (an unclosed fence, one in a raw HTML block, stays)."""
    found, fence = [], None
    prose = page.prose.splitlines()
    for number, line in enumerate(page.text.splitlines(), start=1):
        blanked = number <= len(prose) and not prose[number - 1].strip()
        m = FENCE_RE.match(line.lstrip(" \t")) or FENCE_RE.match(line)
        if fence is None and m and blanked:
            fence = m.group(2)[0] * len(m.group(2))
            info = line.strip()[len(m.group(2)):].strip().split()
            found.append(((info[0].lstrip("{.").rstrip("}") if info else ""), number))
        elif fence is not None and line.strip().startswith(fence) and blanked:
            fence = None
    return found


def _first_difference(a: list, b: list) -> int:
    """The index of the first item where two lists differ (the shorter one's length if one is the
    other's start)."""
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return i
    return min(len(a), len(b))


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _heading(h) -> str:
    return f"'{'#' * h.level} {h.text}" + (f" {{#{h.id}}}'" if h.id else "'")


def check_structure(en: SourcePage, hi: SourcePage) -> list[Finding]:
    """Each difference is reported at its line in the Hindi page, naming the English line it
    differs from (a page's shape, not a count)."""
    found = []

    def report(page, line, rule, message, hint):
        found.append(Finding(page.path, line, 1, rule, message, hint))

    def hi_line(items: list, i: int) -> int:
        """The line of the i-th item of the Hindi page, or of its last item when it has fewer."""
        if i < len(items):
            return items[i][1] if isinstance(items[i], tuple) else items[i].line
        last = items[-1] if items else None
        return (last[1] if isinstance(last, tuple) else last.line) if last is not None else 1

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
    en_ids = [h.id for h in en_h]
    hi_ids = [h.id for h in hi_h]
    en_by_id = {h.id: h for h in en_h if h.id}
    explained = False   # a finding below already names the heading that differs
    for h in hi_h:
        twin = en_by_id.get(h.id) if h.id else None
        if twin is not None and twin.level != h.level:
            explained = True
            report(hi, h.line, "i18n-structure",
                   f"heading {_heading(h)} is an h{h.level} here and an h{twin.level} at "
                   f"{en.path}:{twin.line} ({_heading(twin)})",
                   f"make it an h{twin.level}: {'#' * twin.level} {h.text} {{#{h.id}}}")
    if en_ids != hi_ids:
        for h in hi_h:
            if h.id and h.id not in en_ids:
                explained = True
                report(hi, h.line, "i18n-structure", f"heading id '{h.id}' is not in {en.path}",
                       f"use the English ids: {', '.join(i for i in en_ids if i)}")
        for k, h in enumerate(en_h):
            if h.id and h.id not in hi_ids:
                explained = True
                report(hi, hi_line(hi_h, k), "i18n-structure",
                       f"heading {_heading(h)} of {en.path}:{h.line} is missing here",
                       f"add the section with {{#{h.id}}}")
        if set(en_ids) == set(hi_ids) and len(en_ids) == len(hi_ids):
            i = _first_difference(en_ids, hi_ids)
            explained = True
            report(hi, hi_line(hi_h, i), "i18n-structure",
                   f"the sections are in a different order than in English: here {_heading(hi_h[i])}, "
                   f"at {en.path}:{en_h[i].line} {_heading(en_h[i])}", "keep the English order")
    en_shape = [(h.level, h.id) for h in en_h]
    hi_shape = [(h.level, h.id) for h in hi_h]
    if en_shape != hi_shape and not explained:
        # Headings without ids (each an i18n-heading-id of its own) that also differ in number or level.
        i = _first_difference(en_shape, hi_shape)
        here = f"{_heading(hi_h[i])} here" if i < len(hi_h) else "no heading here"
        there = (f"{_heading(en_h[i])} at {en.path}:{en_h[i].line}" if i < len(en_h)
                 else f"no heading in {en.path}")
        report(hi, hi_line(hi_h, i), "i18n-structure",
               f"heading {i + 1} differs: {here}, {there} ({len(hi_h)} h2/h3 headings here, "
               f"{len(en_h)} there)", "give both versions the same sections")
    en_img, hi_img = _images(en), _images(hi)
    if sorted(n for n, _ in en_img) != sorted(n for n, _ in hi_img):
        i = _first_difference([n for n, _ in en_img], [n for n, _ in hi_img])
        here = f"'{hi_img[i][0]}' here" if i < len(hi_img) else "no image here"
        there = (f"'{en_img[i][0]}' at {en.path}:{en_img[i][1]}" if i < len(en_img)
                 else f"no image in {en.path}")
        report(hi, hi_line(hi_img, i), "i18n-structure",
               f"images differ from {en.path}: image {i + 1} is {here}, {there}",
               "use the same images and diagrams (a .hi version of each)")
    en_code, hi_code = code_blocks(en), code_blocks(hi)
    if len(en_code) != len(hi_code):
        i = _first_difference([c for c, _ in en_code], [c for c, _ in hi_code])
        def block(items, k, where):
            if k >= len(items):
                return f"no code block {where}"
            kind = f"```{items[k][0]}" if items[k][0] else "```"
            return f"a {kind} block {where}"
        report(hi, hi_line(hi_code, i), "i18n-structure",
               f"{_count(len(hi_code), 'code block')} here, {len(en_code)} in {en.path}: code block {i + 1} is "
               + block(hi_code, i, "here") + ", "
               + block(en_code, i, f"at {en.path}:{en_code[i][1]}" if i < len(en_code) else f"in {en.path}"),
               "keep the same code blocks")
    elif en.code_blocks != hi.code_blocks:      # counted apart by mdscan: never silently equal
        report(hi, 1, "i18n-structure", f"{_count(hi.code_blocks, 'code block')} here, "
               f"{en.code_blocks} in {en.path}", "keep the same code blocks")
    en_t, hi_t = _internal_targets(en), _internal_targets(hi)
    en_set, hi_set = {t for t, _ in en_t}, {t for t, _ in hi_t}
    if en_set != hi_set:
        extra = [(t, line) for t, line in hi_t if t not in en_set]
        lacking = [(t, line) for t, line in en_t if t not in hi_set]
        def listed(items, path=""):
            seen, out = set(), []
            for t, line in items:
                if t not in seen:
                    seen.add(t)
                    out.append(f"{t} ({path}{'line ' if not path else ''}{line})")
            return ", ".join(out)
        report(hi, extra[0][1] if extra else hi_line(hi_t, len(hi_t)), "i18n-structure",
               "internal links differ from English"
               + (f"; only here: {listed(extra)}" if extra else "")
               + (f"; only in English: {listed(lacking, en.path + ':')}" if lacking else ""),
               "link the same pages and anchors in both versions")
    return found


def check_nav_labels(config_text: str, shown: str = "mkdocs.yml") -> list[Finding]:
    """Every label of mkdocs.yml's nav has a translation in the nav_translations of each other
    language the i18n plugin builds: static-i18n shows an untranslated label in English (a
    renamed label is the usual cause). A language with no nav_translations at all is not
    checked: its nav is left in English on purpose."""
    from ruamel.yaml import YAML
    try:
        data = YAML().load(config_text)      # round trip: lines kept, MkDocs' tags (!ENV) read
    except Exception:  # noqa: BLE001 -- a mkdocs.yml MkDocs cannot read is config-invalid
        return []
    if not isinstance(data, dict) or not isinstance(data.get("nav"), list):
        return []
    labels: list[tuple[str, int]] = []

    def walk(items) -> None:
        for item in items:
            if not isinstance(item, dict):
                continue                       # a bare page: its title comes from the page
            for key, value in item.items():
                labels.append((str(key), item.lc.key(key)[0] + 1))
                if isinstance(value, list):
                    walk(value)

    walk(data["nav"])
    found = []
    for plugin in data.get("plugins") or []:
        if not isinstance(plugin, dict) or not isinstance(plugin.get("i18n"), dict):
            continue
        for lang in plugin["i18n"].get("languages") or []:
            if (not isinstance(lang, dict) or lang.get("default") is True or lang.get("build") is False
                    or str(lang.get("locale")) in ("null", "None")):
                continue
            locale = str(lang.get("locale"))
            table = lang.get("nav_translations")
            if not isinstance(table, dict):
                continue    # a language that does not translate its nav at all (the test fixtures)
            translated = {str(k) for k in table}
            where = f"under nav_translations of locale {locale} (line {lang.lc.key('nav_translations')[0] + 1})"
            for label, line in labels:
                if label not in translated:
                    found.append(Finding(shown, line, 1, "i18n-nav-label",
                                         f"the nav label '{label}' has no {SUPPORTED.get(locale, locale)} "
                                         f"translation: the {locale} site shows it in English",
                                         f"add '{label}: <the label in {SUPPORTED.get(locale, locale)}>' "
                                         f"{where}"))
    return found
