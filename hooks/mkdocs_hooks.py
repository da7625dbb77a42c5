"""The MkDocs adapter: feeds pages to the checks and logs what they find.

static-i18n runs one full build per language (English first, then Hindi inside the English
build's on_post_build). Source checks run once, at the start of the English pass; checks of the
built site run once, at the end of the last language's pass. Every problem is logged as a
warning, all of them, and `mkdocs build --strict` turns them into a failed build.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority, get_plugin_logger  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from hooks import calculator, checks, facts_check, freshness, links, site_fixes, sources_page  # noqa: E402
from hooks.mdscan import twins  # noqa: E402
from hooks import diagrams, html_ids  # noqa: E402
from hooks import cards, fontsubset, pagedates  # noqa: E402
from hooks import timeline_strip  # noqa: E402
from hooks import page_sources  # noqa: E402
from hooks import reading_time  # noqa: E402
from hooks import changes_page  # noqa: E402
from hooks import settings  # noqa: E402
from hooks.mdscan import lang_of  # noqa: E402

log = get_plugin_logger("checks")

STATE: dict = {}
STATUS_MARKER = "<!-- translation-status -->"


def _language(config) -> str:
    plugin = config.plugins.get("i18n")
    return plugin.current_language if plugin else "en"


def _languages(config) -> list[str]:
    plugin = config.plugins.get("i18n")
    return list(plugin.build_languages) if plugin else ["en"]


def _report(findings) -> None:
    """Errors are MkDocs warnings (so --strict fails); warnings are shown but let it pass."""
    for finding in sorted(set(findings)):
        if finding.severity == "error":
            log.warning(finding.format())
        else:
            log.info(finding.format() + " [warning]")


def on_config(config):
    """A one-language preview of a language other than the one unsuffixed files are in would
    publish those files under the wrong language: static-i18n then takes `race.md` as the
    preview language's own page. Refuse it with a message instead."""
    plugin = config.plugins.get("i18n")
    only = plugin.config.build_only_locale if plugin else None
    if only and only != lang_of("index.md")[0]:
        raise PluginError(
            f"BUILD_ONLY_LOCALE={only}: static-i18n would show the English pages under "
            f"lang=\"{only}\" (it takes unsuffixed files as the only language's). Preview "
            f"{only} with the full `mkdocs serve` at /{only}/, or use BUILD_ONLY_LOCALE=en")
    return config


def on_pre_build(config):
    if _language(config) != _languages(config)[0]:
        return
    # A new build (also a rebuild under `mkdocs serve`): forget the last one.
    STATE.clear()
    root = Path(config.config_file_path).resolve().parent
    try:
        conf = settings.from_config(config)
    except settings.SettingsError as err:   # a misspelt extra.checks key, an unsupported language
        raise PluginError(str(err)) from None
    project, findings = checks.load_project(root, Path(config.docs_dir), conf)
    loops = [f.format() for f in findings if f.rule == "page-symlink-loop"]
    if loops:
        # MkDocs would follow the loop while collecting files and end in a traceback.
        raise PluginError("the docs folder links back into itself:\n" + "\n".join(loops))
    STATE["project"] = project
    findings += checks.source_checks(project)
    STATE["grouped"] = twins(project.pages)
    _report(findings)


@event_priority(-200)  # after static-i18n, which cannot handle generated files
def on_files(files, config):
    """Publish the registry as /facts.json (a generated file, so links to it resolve)."""
    project = STATE.get("project")
    if project is None or files.get_file_from_path("facts.json"):
        return files
    if "facts_json" not in STATE:
        STATE["facts_json"] = sources_page.registry_json(project.registry)
    files.append(File.generated(config, "facts.json", content=STATE["facts_json"]))
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
    project = STATE.get("project")
    if project is None:
        return markdown
    lang = _language(config)
    rel = page.file.src_uri
    source = project.pages.get(rel)
    if source is None:
        return markdown
    registry = project.registry
    if source.lang != lang:
        # An English page served under /hi/ because it has no Hindi twin yet.
        notice = freshness.NOTICE[freshness.NOT_TRANSLATED] if lang == "hi" else ""
        markdown = notice + markdown
    elif lang == "hi":
        pair = STATE["grouped"].get(source.twin_key, {})
        if "en" in pair and freshness.status(pair["en"], source) == freshness.OUTDATED:
            en_url = page.url[len("hi/"):] if page.url.startswith("hi/") else page.url
            link = get_relative_url(en_url or ".", page.url or ".")
            markdown = freshness.NOTICE[freshness.OUTDATED].format(link=link) + markdown
    # "sources.md" is the Sources page of the language being built (static-i18n maps it).
    # The page's own source list (or the marks' legend on the Sources page), then the marks.
    markdown = page_sources.add(source, markdown, registry, _sources_href(page, files, lang))
    markdown = facts_check.render_refs(source, markdown, registry, _sources_href(page, files, lang),
                                       _sources_href(page, files, lang, "changes"))
    if sources_page.MARKER in markdown:
        body = sources_page.sources_markdown(registry, source.lang, rel, project.pages.values(),
                                             href=_href_from(page, files))
        markdown = markdown.replace(sources_page.MARKER, body)
    if changes_page.MARKER in markdown:
        body = changes_page.changes_markdown(registry, source.lang, rel, project.pages.values())
        markdown = markdown.replace(changes_page.MARKER, body)
    if calculator.MARKER in markdown or calculator.STEPS_MARKER in markdown:
        markdown = calculator.render(markdown, registry, source.lang)
    if timeline_strip.MARKER in markdown:
        timeline_page = project.pages.get("timeline.hi.md" if source.lang == "hi" else "timeline.md")
        target = files.get_file_from_path(f"timeline.{lang}.md") or files.get_file_from_path("timeline.md")
        href = get_relative_url(target.url if target else "timeline/", page.url or ".")
        markdown, found = timeline_strip.replace_marker(markdown, source, timeline_page, registry,
                                                        source.lang, href)
        _report(found)
    if STATUS_MARKER in markdown:
        markdown = markdown.replace(
            STATUS_MARKER,
            site_fixes.status_table(STATE["grouped"], project.not_translated, source.lang, rel,
                                    href=_href_from(page, files)))
    return markdown


def on_page_content(html, page, config, files):
    """Diagrams inline, so that their text uses the site's fonts (hooks/diagrams.py)."""
    # Reading time first: counted on the prose, before the diagrams' labels are inlined.
    html = reading_time.insert(html, lang_of(page.file.src_uri)[0])
    return diagrams.inline_diagrams(html, _language(config), Path(config.docs_dir) / "assets" / "img")


def on_page_context(context, page, config, nav):
    """Share tags, card and last-changed date of the page (hooks/cards.py, overrides/main.html)."""
    if "dates" not in STATE:
        STATE["dates"] = pagedates.git_dates(ROOT)
    project = STATE.get("project")
    checked = pagedates.facts_checked(project.pages.get(page.file.src_uri), project.registry) \
        if project is not None else None
    context["share"] = cards.share(page, config, _language(config), STATE["dates"], checked)
    return context


def on_post_page(output, page, config):
    project = STATE.get("project")
    source = project.pages.get(page.file.src_uri) if project else None
    if source is not None and source.lang == _language(config):
        _report(html_ids.check_built_page(output, source.path, source.text))
    # (absolute hreflang and x-default: overrides/main.html, block site_meta)
    return site_fixes.lazy_scripts(site_fixes.drop_unused_assets(output))


def on_post_build(config):
    site_dir = Path(config.site_dir)
    lang = _language(config)
    languages = _languages(config)
    site_fixes.search_for_language(site_dir, lang, languages)
    made = cards.write_pending(site_dir)
    log.info(f"share cards ({lang}): {made['drawn']} drawn, {made['cached']} from the cache")
    if lang == languages[0]:
        STATE["root_404"] = site_fixes.read(site_dir / "404.html")
    if lang != languages[-1]:
        return
    project = STATE.get("project")
    site_fixes.place_404(site_dir, STATE.get("root_404"), languages[1:], config.site_url or "")
    # (the sitemap's x-default: overrides/sitemap.xml, which static-i18n uses)
    fontsubset.subset_site(site_dir)
    if project is not None:
        _report(links.check_built_site(site_dir, project.pages, languages,
                                       config_file=Path(config.config_file_path)))
