"""The checks' settings, read the way MkDocs reads them.

The build hands its own loaded config to `from_config`; the command line loads mkdocs.yml with
MkDocs' loader (`mkdocs.config.load_config`, so `!ENV` and every plugin's options mean what
they mean in the build) and calls `from_config` too. From the config come:

- the site's languages, from the i18n plugin's `languages` (the default first), each of which
  the checks must have words for (`SUPPORTED`): another locale is an error, not a traceback;
- `extra.checks`, typed and validated: `not_translated` (a list of English page names) and
  `outdated_fails` (true/false). A key that is not one of them is an error naming it and its
  line in mkdocs.yml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

# The languages the checks, the Hindi lint and the rendering of facts have words for.
SUPPORTED = {"en": "English", "hi": "Hindi"}

# The fact registry, relative to the project's folder (format: facts/SCHEMA.md).
REGISTRY = "facts/registry.yaml"


class ChecksConfig(base.Config):
    """mkdocs.yml `extra.checks`."""
    not_translated = c.ListOfItems(c.Type(str), default=[])
    outdated_fails = c.Type(bool, default=False)


class SettingsError(Exception):
    """mkdocs.yml cannot be used: `path:line: message` in one line."""

    def __init__(self, message: str, path: str = "mkdocs.yml", line: int = 1, hint: str = ""):
        super().__init__(f"{path}:{line}: {message}" + (f" (fix: {hint})" if hint else ""))
        self.message, self.path, self.line, self.hint = message, path, line, hint


@dataclass(frozen=True)
class Settings:
    root: Path
    config_file: Path
    docs_dir: Path
    site_url: str = ""
    languages: tuple = ("en",)          # default first
    not_translated: tuple = ()
    outdated_fails: bool = False
    names: dict = field(default_factory=dict)   # locale -> the name the site shows for it


# What may stand in site_url's path: letters, digits and the URL's unreserved and sub-delimiter
# characters other than quotes (no ' " < > ` \\ { } | ^, no space, no control character).
_URL_PATH_RE = re.compile(r"[A-Za-z0-9._~!$&()*+,;=:@%/-]*")
_HOST_RE = re.compile(r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                      r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(?::[0-9]{1,5})?")


def site_url_problem(url) -> str | None:
    """Why `url` cannot be the published site_url, or None. It is written into every page's
    head (canonical, alternates, og:url, og:image) and every card's address, so it must be a
    plain https://host/path/: no query or fragment (every page URL is appended to it), no
    user name, no quotes, brackets, spaces or backslashes."""
    from urllib.parse import urlsplit
    if not isinstance(url, str) or not url:
        return "site_url is missing"
    if not url.startswith("https://"):
        return f"site_url '{url[:80]}' is not an https address"
    if any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):   # urlsplit drops tabs and newlines
        return (f"site_url {url[:80]!r} holds a space or control character, which a page's head "
                "cannot carry as written")
    try:
        parts = urlsplit(url)
    except ValueError as err:
        return f"site_url '{url[:80]}' is not a URL ({err})"
    if parts.query or parts.fragment or "?" in url or "#" in url:
        return f"site_url '{url[:80]}' has a query or a fragment, which every page address would carry"
    if "@" in parts.netloc or not _HOST_RE.fullmatch(parts.netloc):
        return f"site_url '{url[:80]}' does not name a plain host"
    if not _URL_PATH_RE.fullmatch(parts.path):
        return (f"site_url '{url[:80]}' holds a character a page's head cannot carry as written "
                "(a quote, bracket, space, backslash or control character)")
    return None


def repeated_hooks(names, base_dir: Path) -> list[tuple[str, str]]:
    """(entry, the earlier entry it repeats) for each `hooks:` entry of mkdocs.yml that names a
    file an earlier entry names already (`./hooks/../hooks/mkdocs_hooks.py` after
    `hooks/mkdocs_hooks.py`, or the same path twice). MkDocs loads each spelling as a module of
    its own, so every hook would run twice on one build's state: the build's findings and its
    pages go wrong without a word. Paths are taken from mkdocs.yml's folder, as MkDocs takes them."""
    seen: dict = {}
    repeats = []
    for name in names:
        if not isinstance(name, str):
            continue
        try:
            key = (Path(base_dir) / name).resolve()
        except (OSError, RuntimeError, ValueError):
            key = Path(base_dir) / name
        if key in seen:
            repeats.append((name, seen[key]))
        else:
            seen[key] = name
    return repeats


def _line_of(config_file: Path, pattern: str, after: str | None = None) -> int:
    """The first line of mkdocs.yml matching `pattern` (after the first line matching `after`)."""
    try:
        lines = config_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    start = 0
    if after:
        start = next((i for i, text in enumerate(lines) if re.match(after, text)), 0)
    for number, text in enumerate(lines[start:], start=start + 1):
        if re.match(pattern, text):
            return number
    return start + 1 if after else 1


def _checks(raw, config_file: Path, shown: str) -> ChecksConfig:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise SettingsError("extra.checks must be a mapping (key: value lines)", shown,
                            _line_of(config_file, r"\s+checks\s*:", r"extra\s*:"),
                            "write not_translated: [...] and outdated_fails: true|false under it")
    checks = ChecksConfig(config_file_path=str(config_file))
    checks.load_dict(dict(raw))
    failed, warnings = checks.validate()
    known = ", ".join(k for k, _ in ChecksConfig._schema)
    for key, _ in warnings:
        if key in raw:   # MkDocs only warns about an unknown name; here it is an error
            raise SettingsError(f"extra.checks has no setting '{key}' (the settings are {known})",
                                shown, _line_of(config_file, rf"\s+{re.escape(key)}\s*:", r"\s+checks\s*:"),
                                "correct the name, or remove the line")
    for key, err in failed:
        raise SettingsError(f"extra.checks.{key}: {err}", shown,
                            _line_of(config_file, rf"\s+{re.escape(key)}\s*:", r"\s+checks\s*:"))
    return checks


def languages_of(config) -> tuple[tuple, dict]:
    """The site's languages (default first) and their names, from the i18n plugin's config."""
    plugin = config.plugins.get("i18n") if config.plugins else None
    if plugin is None:
        lang = (config.theme.get("language") if config.theme else None) or "en"
        return (lang,), {lang: SUPPORTED.get(lang, lang)}
    entries = [lang for lang in plugin.config.languages if lang.locale != "null"]
    default = [lang.locale for lang in entries if lang.default] or [entries[0].locale]
    ordered = default + [lang.locale for lang in entries if lang.locale != default[0]]
    return tuple(ordered), {lang.locale: lang.name for lang in entries}


def from_config(config) -> Settings:
    """Settings from a loaded MkDocs config (the build's own, or load()'s)."""
    config_file = Path(config.config_file_path or "mkdocs.yml").resolve()
    root = config_file.parent
    shown = config_file.name
    languages, names = languages_of(config)
    for lang in languages:
        if lang not in SUPPORTED:
            raise SettingsError(
                f"the i18n plugin lists the language '{lang}', but the checks have words for "
                f"{' and '.join(f'{k} ({v})' for k, v in SUPPORTED.items())} only", shown,
                _line_of(config_file, rf"\s*-?\s*locale\s*:\s*['\"]?{re.escape(lang)}\b"),
                "remove it, or teach the checks the language (hooks/core/settings.py SUPPORTED, "
                "hooks/facts/values.py, the Hindi lint's word lists)")
    checks = _checks((config.extra or {}).get("checks"), config_file, shown)
    return Settings(root=root, config_file=config_file, docs_dir=Path(config.docs_dir),
                    site_url=config.site_url or "", languages=languages,
                    not_translated=tuple(checks.not_translated), outdated_fails=checks.outdated_fails,
                    names=names)


def load(root: Path) -> Settings:
    """Load mkdocs.yml with MkDocs' own loader; every problem is a SettingsError."""
    return from_config(load_raw(root))


def load_raw(root: Path):
    """mkdocs.yml loaded and validated by MkDocs (without running its hooks): the MkDocsConfig."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    class Errors(logging.Handler):
        def __init__(self):
            super().__init__(logging.ERROR)
            self.messages: list[str] = []

        def emit(self, record):
            self.messages.append(record.getMessage())

    config_file = Path(root) / "mkdocs.yml"
    log = logging.getLogger("mkdocs")
    errors = Errors()
    level, propagate = log.level, log.propagate
    log.setLevel(logging.ERROR)   # MkDocs' own notes (deprecations, plugin banners) stay out of it
    log.propagate = False
    log.addHandler(errors)
    try:
        # hooks=[]: the checks need the config, not the hooks module (which the build loads)
        config = load_config(config_file=str(config_file), hooks=[])
    except (ConfigurationError, Abort) as err:
        text = " ".join(" ".join(errors.messages + [str(err).strip()]).split())
        lines = re.findall(r"line (\d+)", text)
        raise SettingsError(f"MkDocs cannot load it: {text}", config_file.name,
                            int(lines[-1]) if lines else 1) from None
    except OSError as err:
        raise SettingsError(f"cannot be read ({err.strerror})", config_file.name) from None
    finally:
        log.removeHandler(errors)
        log.setLevel(level)
        log.propagate = propagate
    return config
