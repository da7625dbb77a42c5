"""The report's claims and our verdicts, from one file (hooks/site_llama4/verdicts.yaml).

Two things are drawn from it at build time:
- `<!-- at-a-glance -->` (the home page): a card "what the report said, what happened" with each
  claim, its verdict as a mark (a shape) and a word, and apart from it the evidence's firmth as
  the site's status word in a box (the weakest status of the claim's evidence facts in the
  registry), then the story's latest chapter;
- `<!-- verdict:ID -->` (the report page's scorecard, in a table cell): the same claim's mark,
  verdict word and evidence box, so the card and the scorecard cannot disagree;
- `<!-- claim-review -->` (the report page): schema.org ClaimReview JSON-LD for each claim the
  registry records as the report's own (its `report` fact), in the page's language, in a
  <script type="application/ld+json"> of its own (data, not code: no CSP hash).

Every number and date comes from a registry fact; every string is escaped for where it lands
(HTML text and attributes; JSON inside a script element: <, > and & as \\u escapes).
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from hooks.core.findings import Finding
from hooks.facts.yamlnodes import Node, read_yaml
from hooks.facts.values import Date, Quantity, Text, render_date, render_quantity

CARD_MARKER = "<!-- at-a-glance -->"
REVIEW_MARKER = "<!-- claim-review -->"
ROW_PREFIX = "<!-- verdict:"                     # the scorecard's verdict cell: <!-- verdict:ID -->
ROW_RE = re.compile(r"<!-- verdict:([^ >]*) -->")
DATA = Path(__file__).with_name("verdicts.yaml")
SHOWN = "hooks/site_llama4/verdicts.yaml"
RULE = "page-verdicts"
HINT = "fix hooks/site_llama4/verdicts.yaml (its first lines say what each field is)"

LANGS = ("en", "hi")
MARKS = ("check", "check-open", "half", "question", "cross")
# The evidence's firmth: the registry's status words, as the scorecard prints them.
STATUS_ORDER = ("confirmed", "reported", "disputed")
STATUS_WORDS = {"en": {"confirmed": "confirmed", "reported": "reported", "disputed": "disputed"},
                "hi": {"confirmed": "पुष्ट", "reported": "ख़बरों में", "disputed": "विवादित"}}
WORDS = {
    "en": {"title": "What the report said, and what happened",
           "key": "Mark and word: was the report right. Boxed word: how firm the evidence is.",
           "more": "The full scorecard",
           "head_verdict": "Verdict", "head_claim": "The report said", "head_evidence": "Evidence"},
    "hi": {"title": "रिपोर्ट ने क्या कहा, और असल में क्या हुआ",
           "key": "निशान और शब्द: रिपोर्ट सही थी या नहीं। डिब्बे में लिखा शब्द: सबूत कितना पक्का है।",
           "more": "पूरा हिसाब-किताब",
           "head_verdict": "फ़ैसला", "head_claim": "रिपोर्ट ने कहा", "head_evidence": "सबूत"},
}
# Each mark a shape in a 16-unit box, drawn in the text's colour (never a colour alone).
_SHAPES = {
    "check": '<path d="M2.5 8.5l3.5 3.5 7.5-8" fill="none" stroke="currentColor" stroke-width="2.4"/>',
    "check-open": '<circle cx="8" cy="8" r="6.8" fill="none" stroke="currentColor" stroke-width="1.4"/>'
                  '<path d="M4.6 8.3l2.3 2.3 4.5-4.9" fill="none" stroke="currentColor" stroke-width="1.8"/>',
    "half": '<circle cx="8" cy="8" r="6.8" fill="none" stroke="currentColor" stroke-width="1.4"/>'
            '<path d="M8 1.2a6.8 6.8 0 0 0 0 13.6z" fill="currentColor"/>',
    "question": '<path d="M5 5.6a3 3 0 1 1 4.4 2.6c-.9.5-1.4 1-1.4 2v.8" fill="none" stroke="currentColor" '
                'stroke-width="2"/><circle cx="8" cy="14" r="1.3" fill="currentColor"/>',
    "cross": '<path d="M3.5 3.5l9 9M12.5 3.5l-9 9" fill="none" stroke="currentColor" stroke-width="2.4"/>',
}
_PLACE = re.compile(r"\{([a-z_]+)\}")


@dataclass
class Claim:
    id: str
    line: int
    verdict: str
    evidence: list
    claim: dict
    link: str
    report: str | None = None
    figure: tuple | None = None     # (fact id, "high" | "low")


@dataclass
class Verdicts:
    verdicts: dict = field(default_factory=dict)     # key -> {mark, en, hi}
    claims: list = field(default_factory=list)
    latest: dict = field(default_factory=dict)       # {link, facts: {name: id}, en, hi}
    author: str = ""
    report_date: str = ""                            # a registry fact id


def _esc(text) -> str:
    return html.escape(str(text), quote=True)


def json_for_script(data) -> str:
    """JSON that cannot end its <script> element or be read as markup."""
    return (json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
            .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# ---------------------------------------------------------------- reading the file

def _text(node: Node | None) -> str | None:
    return node.value if node is not None and isinstance(node.value, str) and node.value.strip() else None


def _both(node: Node | None, where: str, line: int, out: list) -> dict | None:
    if node is None or not isinstance(node.value, dict):
        out.append(Finding(SHOWN, node.line if node else line, 1, RULE, f"{where} needs en: and hi:", HINT))
        return None
    texts = {lang: _text(node.value.get(lang)) for lang in LANGS}
    missing = [lang for lang in LANGS if texts[lang] is None]
    if missing:
        out.append(Finding(SHOWN, node.line, 1, RULE, f"{where} has no {' or '.join(missing)} text", HINT))
        return None
    return texts


def parse(root: Node | None) -> tuple[Verdicts, list[Finding]]:
    """The file's data, and every problem in it (at its line)."""
    out: list[Finding] = []
    data = Verdicts()
    if root is None or not isinstance(root.value, dict):
        return data, [Finding(SHOWN, 1, 1, RULE, "the file holds no verdicts:, claims: and latest:", HINT)]
    top = root.value
    for key in ("verdicts", "claims", "latest", "report"):
        if key not in top:
            out.append(Finding(SHOWN, 1, 1, RULE, f"the file has no {key}:", HINT))
    rep = top.get("report")
    if rep is not None:
        if not isinstance(rep.value, dict) or not _text(rep.value.get("author")) or not _text(rep.value.get("date")):
            out.append(Finding(SHOWN, rep.line, 1, RULE, "report: needs author: and date: (a fact id)", HINT))
        else:
            data.author, data.report_date = rep.value["author"].value, rep.value["date"].value
    vnode = top.get("verdicts")
    if vnode is not None:
        if not isinstance(vnode.value, dict):
            out.append(Finding(SHOWN, vnode.line, 1, RULE, "verdicts: must map a key to its mark and words", HINT))
        else:
            for key, node in vnode.value.items():
                words = _both(node, f"verdict '{key}'", vnode.line, out)
                mark = _text(node.value.get("mark")) if isinstance(node.value, dict) else None
                if mark not in MARKS:
                    out.append(Finding(SHOWN, node.line, 1, RULE,
                                       f"verdict '{key}' has the mark {mark!r}, not one of {', '.join(MARKS)}", HINT))
                elif words:
                    data.verdicts[key] = {"mark": mark, **words}
    cnode = top.get("claims")
    if cnode is not None and not isinstance(cnode.value, list):
        out.append(Finding(SHOWN, cnode.line, 1, RULE, "claims: must be a list", HINT))
    seen: set = set()
    for node in (cnode.value if cnode is not None and isinstance(cnode.value, list) else []):
        item = node.value if isinstance(node.value, dict) else {}
        cid = _text(item.get("id"))
        if cid is None or not re.fullmatch(r"[a-z0-9-]+", cid) or cid in seen:
            out.append(Finding(SHOWN, node.line, 1, RULE,
                               f"a claim needs an id: of lower-case letters, digits and hyphens, "
                               f"not given twice (got {cid!r})", HINT))
            continue
        seen.add(cid)
        verdict = _text(item.get("verdict"))
        if verdict not in data.verdicts:
            out.append(Finding(SHOWN, item["verdict"].line if "verdict" in item else node.line, 1, RULE,
                               f"claim '{cid}': the verdict {verdict!r} is not one of verdicts:", HINT))
            continue
        ev = item.get("evidence")
        evidence = [_text(e) for e in ev.value] if ev is not None and isinstance(ev.value, list) else []
        if not evidence or None in evidence:
            out.append(Finding(SHOWN, ev.line if ev else node.line, 1, RULE,
                               f"claim '{cid}': evidence: must list one fact id or more", HINT))
            continue
        link = _text(item.get("link"))
        if link is None or not re.fullmatch(r"[a-z0-9/_-]+\.md(#[a-z0-9-]+)?", link):
            out.append(Finding(SHOWN, node.line, 1, RULE,
                               f"claim '{cid}': link: must be a page under docs/ (page.md#anchor), got {link!r}",
                               HINT))
            continue
        texts = _both(item.get("claim"), f"claim '{cid}'", node.line, out)
        if texts is None:
            continue
        figure = None
        fnode = item.get("figure")
        if fnode is not None:
            f = fnode.value if isinstance(fnode.value, dict) else {}
            fid, end = _text(f.get("fact")), _text(f.get("end")) or "high"
            if fid is None or end not in ("high", "low"):
                out.append(Finding(SHOWN, fnode.line, 1, RULE,
                                   f"claim '{cid}': figure: needs fact: and end: high or low", HINT))
                continue
            figure = (fid, end)
        for lang in LANGS:
            wanted = {"figure"} if figure else set()
            if set(_PLACE.findall(texts[lang])) != wanted:
                out.append(Finding(SHOWN, item["claim"].line, 1, RULE,
                                   f"claim '{cid}': the {lang} text must hold "
                                   f"{'{figure} once' if figure else 'no {placeholder}'}", HINT))
                texts = None
                break
        if texts is None:
            continue
        data.claims.append(Claim(cid, node.line, verdict, evidence, texts, link,
                                 report=_text(item.get("report")), figure=figure))
    lnode = top.get("latest")
    if lnode is not None:
        item = lnode.value if isinstance(lnode.value, dict) else {}
        texts = _both(lnode, "latest:", lnode.line, out)
        fnode = item.get("facts")
        facts = {k: _text(v) for k, v in fnode.value.items()} if fnode is not None and isinstance(fnode.value, dict) else {}
        link = _text(item.get("link"))
        if texts and link:
            bad = [lang for lang in LANGS if not set(_PLACE.findall(texts[lang])) <= set(facts)]
            if bad:
                out.append(Finding(SHOWN, lnode.line, 1, RULE,
                                   f"latest: the {' and '.join(bad)} text names a {{placeholder}} "
                                   "that facts: does not list", HINT))
            else:
                data.latest = {"link": link, "facts": facts, **texts}
        elif texts:
            out.append(Finding(SHOWN, lnode.line, 1, RULE, "latest: needs link:", HINT))
    return data, out


_CACHE: dict = {}


def load(path: Path = DATA) -> tuple[Verdicts, list[Finding]]:
    """The file read and checked (kept while the file is unchanged)."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        stamp = None
    if _CACHE.get(path, (None,))[0] != stamp or stamp is None:
        root, found = read_yaml(path)
        found = [Finding(SHOWN, f.line, f.col, RULE, f.message, f.hint) for f in found]
        data, more = parse(root) if root is not None or not found else (Verdicts(), [])
        _CACHE[path] = (stamp, data, found + more)
    return _CACHE[path][1], list(_CACHE[path][2])


# ---------------------------------------------------------------- against the registry

def check(data: Verdicts, registry) -> list[Finding]:
    """The facts the file names must exist and be of the kind used."""
    out: list[Finding] = []

    def need(fid, line, what, kind=None):
        fact = registry.facts.get(fid)
        if fact is None:
            out.append(Finding(SHOWN, line, 1, RULE, f"{what} names the fact '{fid}', which the registry "
                               "does not hold", "use an id from facts/registry.yaml (python -m hooks fact find)"))
            return None
        if kind is not None and not isinstance(fact.value, kind):
            out.append(Finding(SHOWN, line, 1, RULE, f"{what}: the fact '{fid}' is not a "
                               f"{kind.__name__.lower()}", HINT))
            return None
        return fact

    if data.report_date:
        need(data.report_date, 1, "report: date:", Date)
    for c in data.claims:
        for fid in c.evidence:
            need(fid, c.line, f"claim '{c.id}' evidence")
        if c.report:
            need(c.report, c.line, f"claim '{c.id}' report", Text)
        if c.figure:
            need(c.figure[0], c.line, f"claim '{c.id}' figure", Quantity)
    for name, fid in data.latest.get("facts", {}).items():
        need(fid, 1, f"latest: {name}", (Date, Text))
    return out


def evidence_status(claim: Claim, registry) -> str:
    """The weakest status of the claim's evidence facts (superseded counts as confirmed: the
    figure of its time)."""
    ranks = []
    for fid in claim.evidence:
        status = registry.facts[fid].status
        status = "confirmed" if status == "superseded" else status
        ranks.append(STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER) - 1)
    return STATUS_ORDER[max(ranks)]


def claim_text(claim: Claim, registry, lang: str) -> str:
    text = claim.claim[lang]
    if claim.figure:
        q = registry.facts[claim.figure[0]].value
        end = q.hi if claim.figure[1] == "high" and q.is_range else q.lo
        text = text.replace("{figure}", render_quantity(Quantity(end, unit=q.unit, scale=q.scale), lang))
    return text


def _fact_words(fact, lang: str) -> str:
    if isinstance(fact.value, Date):
        return render_date(Date(fact.value.year, fact.value.month), lang)
    return fact.value.get(lang)


def latest_text(data: Verdicts, registry, lang: str) -> str:
    words = {name: _fact_words(registry.facts[fid], lang) for name, fid in data.latest["facts"].items()}
    return _PLACE.sub(lambda m: words[m.group(1)], data.latest[lang])


def href(link: str, page_rel: str) -> str:
    """A docs path (race.md#x, llama4/index.md) as a URL relative to the page (directory URLs;
    both twins of a page sit at the same depth in their language's tree)."""
    path, _, anchor = link.partition("#")

    def folder(rel: str) -> str:
        rel = re.sub(r"\.hi\.md$", ".md", rel)
        rel = rel[:-len("index.md")] if rel.endswith("index.md") else rel[:-3] + "/"
        return rel.rstrip("/")

    target, here = folder(path), folder(page_rel)
    url = posixpath.relpath(target or ".", here or ".")
    url = "./" if url == "." else url + "/"
    return url + (f"#{anchor}" if anchor else "")


# ---------------------------------------------------------------- the card

def mark_svg(mark: str) -> str:
    return (f'<svg class="glance__mark" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" '
            f'focusable="false" data-mark="{_esc(mark)}">{_SHAPES[mark]}</svg>')


def card_html(data: Verdicts, registry, lang: str, page_rel: str) -> str:
    w = WORDS[lang]
    out = [f'<section class="glance" aria-labelledby="glance-title" lang="{lang}">',
           f'<p class="glance__title" id="glance-title">{_esc(w["title"])}</p>',
           '<ol class="glance__list">']
    for c in data.claims:
        v = data.verdicts[c.verdict]
        status = evidence_status(c, registry)
        out.append(f'<li class="glance__item" data-verdict="{_esc(c.verdict)}">'
                   f'<span class="glance__verdict">{mark_svg(v["mark"])}{_esc(v[lang])}</span>'
                   f'<a class="glance__claim" href="{_esc(href(c.link, page_rel))}">'
                   f'{_esc(claim_text(c, registry, lang))}</a>'
                   f'<span class="verdict" data-verdict="{status}">{_esc(STATUS_WORDS[lang][status])}</span>'
                   '</li>')
    out.append('</ol>')
    out.append(f'<p class="glance__key">{_esc(w["key"])} '
               f'<a href="{_esc(href("llama4/index.md#scorecard", page_rel))}">{_esc(w["more"])}</a></p>')
    if data.latest:
        out.append(f'<p class="glance__latest"><a href="{_esc(href(data.latest["link"], page_rel))}">'
                   f'{_esc(latest_text(data, registry, lang))}</a></p>')
    out.append('</section>')
    return "".join(out)


def verdict_cell(claim: Claim, data: Verdicts, registry, lang: str) -> str:
    """The scorecard's verdict: the mark and word in bold, then the evidence box."""
    v = data.verdicts[claim.verdict]
    status = evidence_status(claim, registry)
    return (f'<strong class="scorecard-verdict" data-verdict="{_esc(claim.verdict)}">{mark_svg(v["mark"])}'
            f'\N{NO-BREAK SPACE}{_esc(v[lang])}</strong> <span class="verdict" data-verdict="{status}">'
            f'{_esc(STATUS_WORDS[lang][status])}</span>')


# ---------------------------------------------------------------- ClaimReview

def _checked(ids, registry) -> str | None:
    days = [registry.facts[i].checked for i in ids if registry.facts[i].checked]
    return max(days) if days else None


def claim_reviews(data: Verdicts, registry, lang: str) -> list[dict]:
    """A schema.org ClaimReview for each claim with a `report` fact."""
    reviews = []
    said = registry.facts[data.report_date].value.iso() if data.report_date in registry.facts else None
    for c in data.claims:
        if not c.report:
            continue
        report = registry.facts[c.report]
        evidence = [registry.facts[i] for i in c.evidence]
        url = next((s.url for f in evidence for s in f.sources if s.url), None)
        item = {"@type": "Claim", "author": {"@type": "Organization", "name": data.author},
                "appearance": [{"@type": "CreativeWork", "url": s.url, "name": s.title,
                                "publisher": {"@type": "Organization", "name": s.publisher}}
                               for s in report.sources if s.url]}
        if said:
            item["datePublished"] = said
        review = {"@type": "ClaimReview", "inLanguage": lang,
                  "claimReviewed": report.value.get(lang),
                  "itemReviewed": item,
                  "reviewRating": {"@type": "Rating", "alternateName": data.verdicts[c.verdict][lang]},
                  "url": url}
        day = _checked([c.report, *c.evidence], registry)
        if day:
            review["datePublished"] = day
        reviews.append(review)
    return reviews


def review_script(data: Verdicts, registry, lang: str) -> str:
    body = {"@context": "https://schema.org", "@graph": claim_reviews(data, registry, lang)}
    return f'<script type="application/ld+json" class="claim-review">{json_for_script(body)}</script>'


# ---------------------------------------------------------------- the markers

def replace_markers(markdown: str, source, registry, lang: str, inserts=None, path: Path = DATA):
    """(markdown with both markers filled, findings). A marker whose data cannot be drawn is
    removed, with the findings saying why."""
    if CARD_MARKER not in markdown and REVIEW_MARKER not in markdown and ROW_PREFIX not in markdown:
        return markdown, []
    data, findings = load(path)
    if registry.unreadable:
        return ROW_RE.sub("", markdown.replace(CARD_MARKER, "").replace(REVIEW_MARKER, "")), findings
    findings += check(data, registry)
    ok = not any(f.severity == "error" for f in findings) and data.claims

    def put(text: str, what: str) -> str:
        return inserts.block(text, what) if inserts is not None else text

    if CARD_MARKER in markdown:
        card = put(card_html(data, registry, lang, source.rel), "verdict card") if ok else ""
        markdown = markdown.replace(CARD_MARKER, card)
    if REVIEW_MARKER in markdown:
        review = put(review_script(data, registry, lang), "claim review") if ok else ""
        markdown = markdown.replace(REVIEW_MARKER, review)
    if ROW_PREFIX in markdown:
        claims = {c.id: c for c in data.claims}

        def row(m: re.Match) -> str:
            claim = claims.get(m.group(1))
            if claim is None or not ok:
                if ok:
                    text = getattr(source, "text", "")
                    line = text[:text.find(m.group(0))].count("\n") + 1 if m.group(0) in text else 1
                    findings.append(Finding(getattr(source, "path", source.rel), line, 1, RULE,
                                            f"the scorecard names the claim '{m.group(1)}', which "
                                            f"{SHOWN} does not hold", f"use one of: {', '.join(claims)}"))
                return ""
            cell = verdict_cell(claim, data, registry, lang)
            return inserts.inline(cell, "scorecard verdict") if inserts is not None else cell

        markdown = ROW_RE.sub(row, markdown)
    return markdown, findings
