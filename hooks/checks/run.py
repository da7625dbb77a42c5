"""Every Markdown-level check over the real site, in one call.

The build (mkdocs_hooks) and the command line (python -m hooks check) both call
`source_checks`, so they report the same problems in the same words.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hooks.checks import content_check, facts_check, parity
from hooks.facts import registry as registry_mod, review, quotes
from hooks.core import freshness
from hooks.checks import glossary
from hooks.render import timeline
from hooks.checks import hindi_lint, questions_check, titles
from hooks.facts import questions as questions_mod
from hooks.render import reading_time
from hooks.core import settings as settings_mod
from hooks.core.findings import Finding
from hooks.core.mdscan import links_outside, read_pages, symlink_loops, twins

REGISTRY = settings_mod.REGISTRY   # mkdocs_hooks reads it from here


@dataclass
class Project:
    root: Path
    docs_dir: Path
    not_translated: tuple = ()
    outdated_fails: bool = False
    pages: dict = field(default_factory=dict)
    # load_project fills it; until then, an empty registry that says it could not be read
    registry: registry_mod.Registry = field(
        default_factory=lambda: registry_mod.Registry(REGISTRY, unreadable=True))
    languages: tuple = tuple(settings_mod.SUPPORTED)   # from the i18n plugin's config, default first
    # the site's own source checks, each (pages, registry) -> findings, given by the adapters
    site_checks: tuple = ()


def config_findings(site_url: str, config_file: Path | None = None) -> list[Finding]:
    """What the published site needs from mkdocs.yml itself: a plain https site_url
    (settings.site_url_problem), at its line."""
    problem = settings_mod.site_url_problem(site_url)
    if problem is None:
        return []
    line = settings_mod._line_of(config_file, r"^site_url\s*:") if config_file else 1
    return [Finding("mkdocs.yml", line, 1, "config-site-url",
                    f"{problem}: the share cards, canonical links and language alternates need "
                    "the published address, written plainly",
                    "set site_url: https://<owner>.github.io/<repo>/ (mkdocs serve uses its "
                    "own address anyway)")]


def hooks_findings(config_text: str, config_dir: Path) -> list[Finding]:
    """mkdocs.yml's `hooks:` entries, read from its text (the checks load mkdocs.yml without its
    hooks): one that names the file of an earlier one (settings.repeated_hooks) is an error at
    its line. The build refuses the same at on_config (hooks/mkdocs_hooks.py)."""
    import yaml
    try:
        root = yaml.compose(config_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return []   # config-invalid says so
    if not isinstance(root, yaml.MappingNode):
        return []
    entries = [item for key, value in root.value
               if isinstance(key, yaml.ScalarNode) and key.value == "hooks" and isinstance(value, yaml.SequenceNode)
               for item in value.value if isinstance(item, yaml.ScalarNode)]
    lines = {}
    for item in entries:
        lines.setdefault(item.value, []).append(item.start_mark.line + 1)
    found = []
    for name, first in settings_mod.repeated_hooks([item.value for item in entries], config_dir):
        line = lines[name].pop(-1 if name == first else 0)
        found.append(Finding("mkdocs.yml", line, 1, "config-hooks-twice", hooks_twice_message(name, first),
                             HOOKS_TWICE_HINT))
    return found


HOOKS_TWICE_HINT = "list hooks/mkdocs_hooks.py once under hooks:"


def hooks_twice_message(name: str, first: str) -> str:
    return (f"the hooks entry '{name[:80]}' names the file of '{first[:80]}' again: MkDocs would load "
            "it as a second module and run every hook twice on one build (wrong findings, pages "
            "and cards, without a word)")


def load_project(root: Path, docs_dir: Path | None = None, conf=None,
                 serving: bool = False, site_checks: tuple = ()) -> tuple[Project, list]:
    """The project's pages and registry. `conf`: the settings (hooks/core/settings.py) of the build's
    own config; without it mkdocs.yml is loaded with MkDocs' loader, and a mkdocs.yml that
    cannot be used is an error finding (the checks then run with the defaults). `serving`: a
    build for `mkdocs serve`, whose site_url is the dev server's own (not checked)."""
    bad_config = []
    if conf is None:
        try:
            conf = settings_mod.load(root)
        except settings_mod.SettingsError as err:
            bad_config = [Finding(err.path, err.line, 1, "config-invalid", err.message, err.hint)]
            conf = settings_mod.Settings(root, root / "mkdocs.yml", docs_dir or root / "docs",
                                         languages=tuple(settings_mod.SUPPORTED))
    config_problems = [] if bad_config or serving else config_findings(conf.site_url, conf.config_file)
    if conf.config_file.is_file():
        config_problems += hooks_findings(conf.config_file.read_text(encoding="utf-8", errors="replace"),
                                          conf.config_file.parent)
    if review.today_problem():   # the checks count the real date instead: say so
        config_problems.append(Finding(review.TODAY_ENV, 1, 1, "config-facts-today", review.today_problem(),
                                       "unset it, or write the day as YYYY-MM-DD"))
    project = Project(root, docs_dir or root / "docs", conf.not_translated, conf.outdated_fails,
                      languages=conf.languages, site_checks=tuple(site_checks))
    loops = [Finding(link, 1, 1, "page-symlink-loop",
                     f"this folder link (to '{target}') leads back into itself",
                     "delete the link, or copy the files it should share")
             for link, target in symlink_loops(project.docs_dir, root)]
    loops += [Finding(link, 1, 1, "page-symlink",
                      f"this link leads outside docs/ (to '{target}'): the build would publish that file",
                      "copy the file into docs/ instead of linking it")
              for link, target in links_outside(project.docs_dir, root)]
    project.pages = read_pages(project.docs_dir, root)
    project.registry, findings = registry_mod.load(root / REGISTRY, REGISTRY)
    return project, bad_config + config_problems + loops + findings


def _docs_files(docs: Path) -> tuple:
    """The names, sizes and times of docs/'s other files (images, assets), which checks look for."""
    if not docs.is_dir():
        return ()
    return tuple(sorted((p.relative_to(docs).as_posix(), p.stat().st_size, p.stat().st_mtime_ns)
                        for p in docs.rglob("*") if p.is_file() and p.suffix != ".md"))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def checked_sources(project: Project) -> list:
    """source_checks(project), worked out once per content (hooks/core/buildcache.py): the key holds
    every page (its path and text), the registry, mkdocs.yml, docs/'s other files, the settings,
    the day the checks count as today (facts fall due: hooks/facts/review.py) and the checks' own code."""
    from hooks.core import buildcache
    key = buildcache.digest(
        tuple((rel, page.path, page.text) for rel, page in sorted(project.pages.items())),
        _read_bytes(project.root / REGISTRY), _read_bytes(project.root / questions_mod.QUESTIONS),
        _read_bytes(project.root / "mkdocs.yml"),
        _docs_files(project.docs_dir), str(project.docs_dir.resolve()),
        repr((project.not_translated, project.outdated_fails, project.languages)),
        [f"{c.__module__}.{c.__qualname__}" for c in project.site_checks],
        review.today())
    found = buildcache.remember_on_disk(
        project.root / ".cache" / "checks", "source-checks", key, lambda: source_checks(project),
        encode=lambda found: [vars(f) for f in found], decode=findings_from_json)
    # The Hindi outside the pages (registry, hook strings, scripts, theme strings, diagrams):
    # read every time, as overrides/ is not in the key (issue 29; a few milliseconds).
    from hooks.checks import hindi_outside
    return found + hindi_outside.check(project.root)


FINDING_FIELDS = {"path": str, "line": int, "col": int, "rule": str, "message": str, "hint": str,
                  "severity": str}


def findings_from_json(data) -> list:
    """Findings read back from the cache: a list of complete findings, every field of its type,
    or ValueError (the checks then run again: a cache entry cannot drop a finding by its shape)."""
    if not isinstance(data, list):
        raise ValueError("the cached findings are not a list")
    found = []
    for item in data:
        if not isinstance(item, dict) or set(item) != set(FINDING_FIELDS) \
                or any(type(item[k]) is not kind for k, kind in FINDING_FIELDS.items()) \
                or item["severity"] not in ("error", "warning"):
            raise ValueError("a cached finding of the wrong shape")
        found.append(Finding(**item))
    return found


def source_checks(project: Project) -> list:
    """Facts, translation parity and freshness, and Hindi lint, over source files only."""
    pages, registry = project.pages, project.registry
    grouped = twins(pages)
    found = []
    found += parity.check_languages(pages, project.languages)
    found += parity.check_missing(grouped, project.not_translated)
    config_file = project.root / "mkdocs.yml"
    config_text = config_file.read_text(encoding="utf-8", errors="replace") if config_file.is_file() else ""
    if project.not_translated:
        found += parity.check_not_translated(grouped, project.not_translated, config_text)
    found += parity.check_nav_labels(config_text)
    found += titles.check_config(config_text)   # nav titles, nav_translations, site_name
    for pair in grouped.values():
        if "en" in pair and "hi" in pair:
            found += parity.check_structure(pair["en"], pair["hi"])
    found += freshness.check(grouped, project.not_translated, project.outdated_fails)
    for page in pages.values():
        found += content_check.check_page(page)
        found += titles.check_page(page)          # front-matter strings
    if registry.unreadable:
        # Without a registry every reference would be "unknown": one line says so instead.
        refs = sum(len(p.fact_refs) for p in pages.values())
        found.append(Finding(registry.path, 1, 1, "fact-not-checked",
                             f"{refs} fact references on {len(pages)} pages were not checked, "
                             "because the registry could not be read", "fix the registry first"))
    else:
        found += facts_check.check_all(pages, registry)
        found += review.check_due(registry, pages.values())
        found += quotes.check_pages(pages.values(), registry)
    qs, problems = questions_mod.load(project.root)   # open questions (facts/questions.yaml)
    found += problems + questions_check.check(qs, pages, registry) + questions_mod.check_due(qs, review.today())
    # the Hindi pages and the questions' Hindi texts, linted together
    found += lint_hindi_with_questions(qs, [p for p in pages.values() if p.lang == "hi"])
    found += timeline.check_all(pages, registry) + glossary.check_all(pages)
    found += reading_time.check_pages(pages.values())
    for site_check in project.site_checks:   # the site's own (hooks/site_llama4)
        found += site_check(pages, registry)
    return found



# Rules about a page's own first uses ("first use of a term has its English in brackets"): the
# texts are shown on pages that gloss the term themselves.
QUESTIONS_SKIP_RULES = ("hi-gloss",)


def lint_hindi_with_questions(questions, hindi_pages: list) -> list:
    """hooks/checks/hindi_lint.py over the Hindi pages and facts/questions.yaml's Hindi texts together (variants are
    compared across all of them), less the page-only rules for the file."""
    page = questions_mod.hindi_page(questions)
    found = hindi_lint.check_pages(list(hindi_pages) + ([page] if page is not None else []))
    return [f for f in found if not (page is not None and f.path == page.path and f.rule in QUESTIONS_SKIP_RULES)]
