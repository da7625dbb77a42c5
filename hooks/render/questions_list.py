"""The pages' lists of open and answered questions, written from facts/questions.yaml at
`<!-- questions -->` and `<!-- questions answered -->`.
"""
from __future__ import annotations

import posixpath

from hooks.facts.questions import ANCHOR_RE, ANSWERED_MARKER, INLINE_RE, MARKER, Question, Questions, SECTION_ID, WORDS
from hooks.facts.values import parse_iso_date, render_date

def _inline(text: str, base: str) -> str:
    """An entry's text as Markdown: everything escaped (sources_page.inert) except the markup
    it may use; a heading link points into `base` (the question's own page) when it is not ''."""
    from hooks.core.text import inert
    out, pos = [], 0
    for m in INLINE_RE.finditer(text):
        out.append(inert(text[pos:m.start()]))
        if m.group("b") is not None:
            out.append(f"<strong>{inert(m.group('b'))}</strong>")
        elif m.group("i") is not None:
            out.append(f"<em>{inert(m.group('i'))}</em>")
        elif ANCHOR_RE.match(m.group("href") or ""):
            out.append(f"[{inert(m.group('t'))}]({base}{m.group('href')})")
        else:   # refused by load(); never written as a link
            out.append(inert(m.group(0)))
        pos = m.end()
    out.append(inert(text[pos:]))
    return "".join(out)


def _rel_link(from_rel: str, to_rel: str) -> str:
    """A Markdown link target from one English page path to another (static-i18n maps it to
    the page of the language being built)."""
    if from_rel == to_rel:
        return ""
    return posixpath.relpath(to_rel, posixpath.dirname(from_rel) or ".")


def _source_links(sources: list, lang: str) -> str:
    from hooks.core.text import inert
    parts = []
    for s in sources:
        parts.append(f"[{inert(s.title)}]({s.url})" if s.url else inert(s.title))
    return "; ".join(parts)


def page_questions(questions: Questions, twin_key: str) -> list:
    return [q for q in questions.items.values() if twin_key in q.pages]


def _item(q: Question, text: str, source, pages: dict, lang: str, tail: str = "") -> str:
    home = q.pages[0]
    if home != source.twin_key and q.short:
        text = q.short[lang]
    base = _rel_link(source.twin_key, home)
    body = _inline(text, base)
    if home != source.twin_key:
        target = pages.get(home)
        twin = next((p for p in pages.values() if p.twin_key == home and p.lang == lang), target)
        title = twin.title if twin is not None else home
        from hooks.core.text import inert
        stripped = body.rstrip()
        end = stripped[-1] if stripped and stripped[-1] in ".।" else ""
        body = (stripped[:-1] if end else stripped) + f" ([{inert(title)}]({base}#{SECTION_ID})){end}"
    return f"- {body}{tail}"


def open_markdown(questions: Questions, source, pages: dict) -> str:
    lang = source.lang
    items = [_item(q, q.text[lang], source, pages, lang)
             for q in page_questions(questions, source.twin_key) if q.status == "open"]
    return "\n".join(items) if items else WORDS[lang]["none"]


def answered_markdown(questions: Questions, source, pages: dict, registry, sources_rel: str) -> str:
    """The answered questions of a page, dated, each with its answer and what gives it."""
    from hooks.core.text import inert
    lang = source.lang
    w = WORDS[lang]
    items = []
    for q in page_questions(questions, source.twin_key):
        if q.status != "answered":
            continue
        when = render_date(parse_iso_date(q.answered_on), lang) if q.answered_on else ""
        cites = []
        for fact_id, _ in q.answered_facts:
            fact = registry.facts.get(fact_id) if registry is not None else None
            label = fact.label[lang] if fact is not None else fact_id
            cites.append(f"[{inert(label)}]({sources_rel}#fact-{fact_id})")
        if q.answered_sources:
            cites.append(_source_links(q.answered_sources, lang))
        answer = _inline(q.answer[lang], _rel_link(source.twin_key, q.pages[0])) if q.answer else ""
        tail = (f" <strong>{inert(w['answered_on'].format(date=when))}:</strong> {answer}"
                f" ({w['sources']}: {'; '.join(cites)})")
        items.append(_item(q, q.text[lang], source, pages, lang, tail))
    if not items:
        return ""
    return f"{w['answered']}\n\n" + "\n".join(items)


def render(markdown: str, source, questions: Questions, pages: dict, registry=None,
           sources_rel: str = "sources.md") -> str:
    """The page's markers replaced by its questions, as Markdown in the page's language."""
    if MARKER not in markdown and ANSWERED_MARKER not in markdown:
        return markdown
    answered = answered_markdown(questions, source, pages, registry,
                                 _rel_link(source.twin_key, sources_rel))
    opened = open_markdown(questions, source, pages)
    if ANSWERED_MARKER in markdown:
        markdown = markdown.replace(ANSWERED_MARKER, f"\n\n{answered}\n\n" if answered else "")
    elif answered:
        opened = f"{opened}\n\n{answered}"
    return markdown.replace(MARKER, f"\n\n{opened}\n\n")
