"""The MkDocs adapter: feeds pages to the checks and logs what they find.

static-i18n runs one full build per language (English first, then Hindi inside the English
build's on_post_build). Source checks run once, at the start of the English pass; checks of the
built site run once, at the end of the last language's pass. Every problem is logged, all of
them: errors at ERROR, which `mkdocs build --strict` turns into a failed build, warnings at INFO
as "warning: ..." (hooks/core/findings.py, Finding.for_log).
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler, get_relative_url

from hooks import site_llama4   # this site's own renderers and checks
from hooks.checks import facts_check, hindi_built, html_ids, html_policy, linkcheck
from hooks.checks import run as checks
from hooks.core import freshness, settings
from hooks.core.findings import Finding, closing_line
from hooks.core.inserts import Inserts
from hooks.core.mdscan import lang_of, twins
from hooks.facts import questions
from hooks.render import (cards, changes_page, citations, diagrams, fontsubset, minify, page_sources,
                          pagedates, questions_list, reading_time, site_fixes, sources_page,
                          timeline_strip)

log = get_plugin_logger("checks")

BUILD = "_checks_build"   # this build's state, kept on the build's own config (every language pass)


@dataclass
class Build:
    """What one build (all of its language passes) knows. A new one for every build, also for
    each rebuild under `mkdocs serve` (which loads the config again); what may outlive a build
    is keyed by content in hooks/core/buildcache.py."""
    project: object = None
    grouped: dict = field(default_factory=dict)
    facts_json: str | None = None
    dates: dict | None = None
    root_404: str | None = None
    serving: bool = False      # built for the dev server (mkdocs serve)
    inserts: dict = field(default_factory=dict)   # page URL -> its held-back HTML (hooks/core/inserts.py)
    cited_as: dict = field(default_factory=dict)  # language -> changes_page.cited_as(...)
    errors: int = 0            # problems reported so far, all passes
    warnings: int = 0          # warnings reported so far, all passes
    errors_before_pass: int = 0   # errors reported before the current language pass began
    questions: object = None   # facts/questions.yaml (hooks/facts/questions.py), read once per build
    checks: bool = True        # False under CHECKS=off: the site is generated, nothing is checked


CHECKS_ENV = "CHECKS"
CHECKS_OFF_NOTE = ("CHECKS=off: the site is generated as usual (Sources and What changed pages, marks, "
                   "cards, fonts, CSP hashes), but no check runs (facts, links, parity, Hindi lint, content, "
                   "titles, ids, HTML policy) and nothing is reported: a baseline for measuring what the "
                   "checks cost, not a site to publish")


def checks_on() -> bool:
    """Whether this build runs the checks: CHECKS unset, empty or `on`; `off` turns them off
    (bench/overhead.py's baseline). Any other value is refused (on_config)."""
    return os.environ.get(CHECKS_ENV, "").strip().lower() != "off"


def checks_env_problem() -> str | None:
    value = os.environ.get(CHECKS_ENV, "").strip().lower()
    if value in ("", "on", "off"):
        return None
    return f"{CHECKS_ENV}={os.environ[CHECKS_ENV]!r}: write CHECKS=off (generate the site, run no check) or leave it unset"


def _state(config) -> Build:
    state = config.get(BUILD)
    if state is None:
        state = config[BUILD] = Build()
    return state


def _serving(config) -> bool:
    """mkdocs serve builds with site_url set to the dev server's own address."""
    host, port = config.dev_addr
    return (config.site_url or "").startswith((f"http://{host}:{port}/", f"http://localhost:{port}/"))
STATUS_MARKER = "<!-- translation-status -->"


def _language(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.current_language if plugin else "en"


def _languages(config) -> list[str]:
    plugin = config.plugins.get("i18n")
    return list(plugin.build_languages) if plugin else ["en"]


def _report(findings, state: Build | None = None) -> None:
    """Errors are logged as errors (so --strict fails), warnings at INFO as "warning: ..." (a
    WARNING record would fail --strict): Finding.for_log. With the build's state, both are
    counted for the closing line of the build. Under CHECKS=off nothing is reported."""
    if state is not None and not state.checks:
        return
    for finding in sorted(set(findings)):
        if state is not None:
            if finding.severity == "error":
                state.errors += 1
            else:
                state.warnings += 1
        log.log(*finding.for_log())


def on_config(config):
    """A one-language preview of a language other than the one unsuffixed files are in would
    publish those files under the wrong language: static-i18n then takes `race.md` as the
    preview language's own page. Refuse it with a message instead. A CHECKS value other than
    on/off is refused too, and so is a second `hooks:` entry for this file (MkDocs would run
    every hook twice)."""
    if checks_env_problem():
        raise PluginError(checks_env_problem())
    repeats = settings.repeated_hooks(list(config.hooks or {}), Path(config.config_file_path or "mkdocs.yml").parent)
    if repeats:   # MkDocs loaded this file twice: every hook would run twice on one build
        name, first = repeats[0]
        line = settings._line_of(Path(config.config_file_path or "mkdocs.yml"), rf"\s*-\s*['\"]?{re.escape(name)}")
        raise PluginError(f"mkdocs.yml:{line}: config-hooks-twice: {checks.hooks_twice_message(name, first)} "
                          f"(fix: {checks.HOOKS_TWICE_HINT})")
    plugin = config.plugins.get("i18n")
    only = plugin.config.build_only_locale if plugin else None
    if only and only != lang_of("index.md")[0]:
        raise PluginError(
            f"BUILD_ONLY_LOCALE={only}: static-i18n would show the English pages under "
            f"lang=\"{only}\" (it takes unsuffixed files as the only language's). Preview "
            f"{only} with the full `mkdocs serve` at {serve_url(config)}{only}/, or use BUILD_ONLY_LOCALE=en")
    return config


def serve_url(config) -> str:
    """Where `mkdocs serve` serves the site: the dev address under site_url's path
    (http://127.0.0.1:8000/llama4-explainer/ for https://example.github.io/llama4-explainer/)."""
    from urllib.parse import urlsplit
    host, port = config.dev_addr
    path = urlsplit(config.site_url or "").path or "/"
    return f"http://{host}:{port}{path if path.endswith('/') else path + '/'}"


def on_serve(server, config, builder):
    """Rebuild the preview when the fact registry or the checks' word lists change, as when a
    page does."""
    root = Path(config.config_file_path).resolve().parent
    for path in (root / checks.REGISTRY, root / questions.QUESTIONS, ROOT / "hooks" / "data"):
        if path.exists():
            server.watch(str(path))
    return server


def on_pre_build(config):
    if _language(config) != _languages(config)[0]:
        _state(config).errors_before_pass = _state(config).errors   # MkDocs counts this pass apart
        return
    # A new build (also a rebuild under `mkdocs serve`): nothing of the last one.
    state = config[BUILD] = Build(serving=_serving(config), checks=checks_on())
    if not state.checks:
        log.info(CHECKS_OFF_NOTE)
    root = Path(config.config_file_path).resolve().parent
    try:
        conf = settings.from_config(config)
    except settings.SettingsError as err:   # a misspelt extra.checks key, an unsupported language
        raise PluginError(str(err)) from None
    project, findings = checks.load_project(root, Path(config.docs_dir), conf, serving=state.serving,
                                             site_checks=(site_llama4.source_checks,))
    loops = [f.format() for f in findings if f.rule == "page-symlink-loop"]
    if loops:
        # MkDocs would follow the loop while collecting files and end in a traceback.
        raise PluginError("the docs folder links back into itself:\n" + "\n".join(loops))
    state.project = project
    state.questions = questions.load(root)[0]   # its problems: checks.source_checks
    # The same pages, registry, word lists, settings and code give the same findings: worked
    # out once (a serve rebuild after an edit of CSS, the build after `hooks check` in CI).
    if state.checks:
        findings += checks.checked_sources(project)
    state.grouped = twins(project.pages)
    _report(findings, state)


@event_priority(-200)  # after static-i18n, which cannot handle generated files
def on_files(files, config):
    """Publish the registry as /facts.json (a generated file, so links to it resolve)."""
    state = _state(config)
    project = state.project
    if project is None or files.get_file_from_path("facts.json"):
        return files
    if state.facts_json is None:
        state.facts_json = sources_page.registry_json(project.registry)
    files.append(File.generated(config, "facts.json", content=state.facts_json))
    return files


def _sources_href(page, files, lang: str, name: str = "sources") -> str | None:
    """A page of the language being built (the Sources page unless `name` says another), as a
    URL relative to `page`; for the Sources page its usual URL even when the build has none."""
    for rel in (f"{name}.{lang}.md", f"{name}.md"):
        file = files.get_file_from_path(rel)
        if file is not None:
            return get_relative_url(file.url, page.url or ".")
    return get_relative_url("sources/", page.url or ".") if name == "sources" else None


def _href_from(page, files):
    """href(source page) -> its built URL relative to `page`, for links the hooks write as HTML."""
    def href(target) -> str:
        file = files.get_file_from_path(target.rel)
        return get_relative_url(file.url if file is not None else target.rel, page.url or ".")
    return href


def on_page_markdown(markdown, page, config, files):
    project = _state(config).project
    if project is None:
        return markdown
    lang = _language(config)
    rel = page.file.src_uri
    source = project.pages.get(rel)
    if source is None:
        return markdown
    registry = project.registry
    inserts = _state(config).inserts[page.url] = Inserts()
    if source.lang != lang:
        # An English page served under /hi/ because it has no Hindi twin yet.
        notice = freshness.NOTICE[freshness.NOT_TRANSLATED] if lang == "hi" else ""
        markdown = notice + markdown
    elif lang == "hi":
        pair = _state(config).grouped.get(source.twin_key, {})
        if "en" in pair and freshness.status(pair["en"], source) == freshness.OUTDATED:
            en_url = page.url[len("hi/"):] if page.url.startswith("hi/") else page.url
            link = get_relative_url(en_url or ".", page.url or ".")
            markdown = freshness.NOTICE[freshness.OUTDATED].format(link=link) + markdown
    if questions.MARKER in markdown or questions.ANSWERED_MARKER in markdown:
        markdown = questions_list.render(markdown, source, _state(config).questions, project.pages, registry)
    # "sources.md" is the Sources page of the language being built (static-i18n maps it).
    # The page's own source list (or the marks' legend on the Sources page), then the marks.
    markdown = page_sources.add(source, markdown, registry, _sources_href(page, files, lang), inserts)
    markdown = citations.render_refs(source, markdown, registry, _sources_href(page, files, lang),
                                       _sources_href(page, files, lang, "changes"), inserts)
    if sources_page.MARKER in markdown:
        body = sources_page.sources_markdown(registry, source.lang, rel, project.pages.values(),
                                             _href_from(page, files), inserts)
        markdown = markdown.replace(sources_page.MARKER, body)
    if changes_page.MARKER in markdown:
        state = _state(config)
        if source.lang not in state.cited_as:     # once per language, however many such pages
            state.cited_as[source.lang] = changes_page.cited_as(project.pages.values(), source.lang)
        body = changes_page.changes_markdown(registry, source.lang, rel, project.pages.values(),
                                             _href_from(page, files), inserts, state.cited_as[source.lang])
        markdown = markdown.replace(changes_page.MARKER, body)
    if timeline_strip.MARKER in markdown:
        timeline_page = project.pages.get("timeline.hi.md" if source.lang == "hi" else "timeline.md")
        target = files.get_file_from_path(f"timeline.{lang}.md") or files.get_file_from_path("timeline.md")
        href = get_relative_url(target.url if target else "timeline/", page.url or ".")
        markdown, found = timeline_strip.replace_marker(markdown, source, timeline_page, registry,
                                                        source.lang, href, inserts)
        _report(found, _state(config))
    if any(marker in markdown for marker in site_llama4.MARKERS):
        markdown, found = site_llama4.render_page(markdown, source, registry, source.lang, inserts)
        _report(found, _state(config))
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(
            STATUS_MARKER,
            site_fixes.status_table(_state(config).grouped, project.not_translated, source.lang, rel,
                                    href=_href_from(page, files)))
    return markdown


def on_page_content(html, page, config, files):
    """The reading time, counted on the prose (the HTML the hooks hold back is not in it yet)."""
    return reading_time.insert(html, lang_of(page.file.src_uri)[0])


def _lost_marks(source, missing: list[str]) -> list[Finding]:
    """A finding for each citation mark Markdown did not keep ("fact-id k": the k-th mark of
    that fact on the page), at the reference it belongs to."""
    if source is None:
        return []
    # the source check reported these already, at the same place (facts_check.check_ref_places)
    told = {(f.line, f.col) for f in facts_check.check_ref_places(source)}
    found = []
    for what in missing:
        fact_id, _, k = what.partition(" ")
        refs = [r for r in source.fact_refs if r.id == fact_id]
        ref = refs[int(k) - 1] if k.isdigit() and 0 < int(k) <= len(refs) else None
        if ref is not None and (ref.line, ref.col) in told:
            continue
        found.append(Finding(source.path, ref.line if ref else 1, ref.col if ref else 1, "fact-mark-lost",
                             f"the citation mark of {fact_id or 'a generated block'} did not reach "
                             "the page: Markdown keeps no HTML in an image's text or an attribute",
                             "move the fact reference into the running text"))
    return found


@event_priority(-100)   # after Material's search has indexed the page's own text
def on_page_context(context, page, config, nav):
    """The HTML the hooks held back (hooks/core/inserts.py) and the diagrams inline, so that their
    text uses the site's fonts (hooks/render/diagrams.py); then the share tags, card and last-changed
    date of the page (hooks/render/cards.py, overrides/main.html)."""
    state = _state(config)
    inserts = state.inserts.pop(page.url, None)
    if inserts is not None:
        page.content, missing = inserts.fill(page.content)
        _report(_lost_marks(state.project.pages.get(page.file.src_uri), missing), state)
    page.content = diagrams.inline_diagrams(page.content, _language(config),
                                            Path(config.docs_dir) / "assets" / "img")
    if state.dates is None:   # first and last commit of each page's file; a shallow clone is an error
        state.dates = pagedates.git_history(ROOT)
        _report(filter(None, [pagedates.shallow_finding(
            state.dates, Path(config.docs_dir), ROOT, pagedates.full_history_required(os.environ))]), state)
    project = _state(config).project
    checked = pagedates.facts_checked(project.pages.get(page.file.src_uri), project.registry) \
        if project is not None else None
    context["share"] = cards.share(page, config, _language(config), state.dates, checked)
    return context


def on_template_context(context, template_name, config):
    """The sitemap's lastmod of a page: its last commit (overrides/sitemap.xml calls lastmod
    with the page's source file), as the page's dateModified says."""
    if template_name == "sitemap.xml":
        state = _state(config)
        if state.dates is None:
            state.dates = pagedates.git_history(ROOT)
        context["lastmod"] = lambda src: pagedates.last_changed(Path(src), ROOT, state.dates).isoformat()
    return context


def on_post_page(output, page, config):
    project = _state(config).project
    source = project.pages.get(page.file.src_uri) if project else None
    if source is not None and source.lang == _language(config) and _state(config).checks:
        _report(html_ids.check_built_page(output, source.path, source.text), _state(config))
    # (absolute hreflang and x-default: overrides/main.html, block site_meta)
    # (assets only some pages use, and the MoE script's lazy loader: overrides/main.html)
    return site_fixes.valid_toggles(output)


def on_post_template(output, template_name, config):
    """The 404 page (a template rendered with no page): valid like the others."""
    return site_fixes.valid_toggles(output) if template_name.endswith(".html") else output


def _also(config) -> list[Path]:
    """Where else a built page's text may come from: mkdocs.yml and the registry."""
    root = Path(config.config_file_path).resolve().parent
    return [Path(config.config_file_path), root / checks.REGISTRY]


def on_post_build(config):
    site_dir = Path(config.site_dir)
    lang = _language(config)
    languages = _languages(config)
    site_fixes.search_for_language(site_dir, lang, languages)
    made = cards.write_pending(site_dir)
    log.info(f"share cards ({lang}): {made['drawn']} drawn, {made['cached']} from the cache")
    if lang == languages[0]:
        _state(config).root_404 = site_fixes.read(site_dir / "404.html")
    if lang != languages[-1]:
        return
    project = _state(config).project
    site_fixes.place_404(site_dir, _state(config).root_404, languages[1:], config.site_url or "")
    # (the sitemap's x-default: overrides/sitemap.xml, which static-i18n uses)
    if not _state(config).serving:   # the preview serves the full fonts and the scripts as written
        fontsubset.subset_site(site_dir)
        minify.minify_site(site_dir)
    # What a reader's browser gets: every HTML file judged, each page's CSP hashes filled in (the
    # dev server drops the CSP: it injects its own reload script). hooks/checks/html_policy.py
    # Under CHECKS=off too: which inline scripts and styles get a hash is the policy's judgement,
    # so the walk runs and only its findings are dropped (bench/html_policy.py times it apart).
    _report(html_policy.check_site(site_dir, project.pages if project else {}, languages,
                                   config.site_url or "", fill=True, drop=_state(config).serving,
                                   require_csp=html_policy.declares_csp(config.theme.custom_dir),
                                   also=_also(config)),
            _state(config))
    if project is not None and _state(config).checks:
        _report(linkcheck.check_built_site(site_dir, project.pages, languages,
                                           config_file=Path(config.config_file_path),
                                           reuse=_state(config).serving), _state(config))
        if "hi" in languages and not _state(config).serving:   # the Hindi pages as read (issue 29)
            _report(hindi_built.check_site(site_dir, project.registry.facts, project.registry.publishers(),
                                           project.not_translated), _state(config))
    state = _state(config)
    if state.errors or state.warnings:
        # MkDocs counts the records of each language's pass apart: say the total, and what
        # MkDocs' own closing count holds.
        log.info(closing_line(state.errors, state.warnings, *_strict_count(state, lang, languages)))


def _strict_count(state: Build, lang: str, languages: list) -> tuple:
    """(the count MkDocs' strict mode will give, how many of the checks' errors are in it, the
    language pass it covers when only one), or Nones when the build is not strict. Each
    language's build adds its own counter to MkDocs' logger; the innermost one that counted
    anything is the one whose "Aborted with ..." the contributor sees."""
    counters = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
    if not counters:
        return None, None, None
    inner = sum(counters[-1].counts.values())
    if len(counters) > 1 and inner:
        return inner, state.errors - state.errors_before_pass, lang
    return sum(counters[0].counts.values()), state.errors, None
