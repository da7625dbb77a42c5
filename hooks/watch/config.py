"""The watch's configuration (facts/watch.yaml): sources, contact and HTTP settings, each problem
a Finding at its line; and the check of the question and fact ids it names."""
from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from hooks.core.findings import Finding
from hooks.facts.entries import did_you_mean
from hooks.facts.yamlnodes import read_yaml

CONTACT_ENV = "STORY_WATCH_CONTACT"
KINDS = ("feed", "hf-models", "sec-submissions")
TOP_KEYS = ("contact", "since", "timeout", "retries", "backoff", "sources")
SOURCE_KEYS = ("id", "kind", "url", "questions", "facts", "only", "also", "note")
RULE_KEYS = ("match", "questions", "facts")
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A contact the SEC can write to: some words and an e-mail address ("Jane Doe jane@example.org").
EMAIL_RE = re.compile(r"[^\s@<>()]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern
    questions: tuple = ()
    facts: tuple = ()


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    url: str
    line: int
    questions: tuple = ()
    facts: tuple = ()
    only: re.Pattern | None = None
    also: tuple = ()            # Rules: items whose title matches touch more questions or facts
    id_lines: tuple = ()        # (("question"|"fact", id, line), ...) for the id check

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


@dataclass
class Config:
    path: str
    contact: str = ""
    since: str | None = None
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    sources: list = field(default_factory=list)

    @property
    def user_agent(self) -> str:
        # The SEC asks automated tools to declare who they are: "Company Name admin@example.com".
        return f"{self.contact} (story watch, python -m hooks watch)"



def _ids(node, what: str, shown: str, findings: list) -> list[tuple[str, int]]:
    """A list of ids (questions or facts) with their lines."""
    if node is None or node.value is None:
        return []
    if not isinstance(node.value, list):
        findings.append(Finding(shown, node.line, 1, "watch-config",
                                f"{what} must be a list of ids", f"write {what}: [id-one, id-two]"))
        return []
    found = []
    for item in node.value:
        if not isinstance(item.value, str) or not ID_RE.match(item.value):
            findings.append(Finding(shown, item.line, 1, "watch-config",
                                    f"'{item.value}' is not an id in {what}",
                                    "ids are lower-case words, digits and hyphens"))
        else:
            found.append((item.value, item.line))
    return found


def _pattern(node, shown: str, findings: list) -> re.Pattern | None:
    if node is None or node.value is None:
        return None
    if not isinstance(node.value, str):
        findings.append(Finding(shown, node.line, 1, "watch-config", "a pattern must be text",
                                "quote the regular expression"))
        return None
    try:
        return re.compile(node.value)
    except re.error as err:
        findings.append(Finding(shown, node.line, 1, "watch-config",
                                f"'{node.value}' is not a regular expression: {err}",
                                "fix the pattern (Python's re syntax)"))
        return None


def _number(node, name: str, shown: str, findings: list, default, cast, low):
    if node is None or node.value is None:
        return default
    try:
        value = cast(node.value)
    except (TypeError, ValueError):
        value = None
    if value is None or value < low:
        findings.append(Finding(shown, node.line, 1, "watch-config",
                                f"{name}: '{node.value}' is not a number of at least {low}",
                                f"write {name}: {default}"))
        return default
    return value


def _keys(mapping: dict, allowed, where: str, shown: str, findings: list) -> None:
    for key, node in mapping.items():
        if key not in allowed:
            findings.append(Finding(shown, node.line, 1, "watch-config",
                                    f"unknown key '{key}' in {where}", did_you_mean(key, allowed)))


def _source(node, shown: str, findings: list) -> Source | None:
    if not isinstance(node.value, dict):
        findings.append(Finding(shown, node.line, 1, "watch-config", "a source must be a mapping",
                                "give it id:, kind:, url: and the questions: and facts: it may touch"))
        return None
    entry = node.value
    _keys(entry, SOURCE_KEYS, "a source", shown, findings)
    before = len(findings)
    values = {}
    for key in ("id", "kind", "url"):
        item = entry.get(key)
        if item is None or not isinstance(item.value, str) or not item.value.strip():
            findings.append(Finding(shown, (item or node).line, 1, "watch-config",
                                    f"a source has no {key}:", "every source needs id:, kind: and url:"))
        else:
            values[key] = item.value.strip()
    if "id" in values and not ID_RE.match(values["id"]):
        findings.append(Finding(shown, entry["id"].line, 1, "watch-config",
                                f"source id '{values['id']}' is not lower-case words and hyphens",
                                "write it like meta-newsroom"))
    if "kind" in values and values["kind"] not in KINDS:
        findings.append(Finding(shown, entry["kind"].line, 1, "watch-config",
                                f"unknown kind '{values['kind']}'", f"use one of: {', '.join(KINDS)}"))
    if "url" in values:
        parts = urlsplit(values["url"])
        if parts.scheme not in ("https", "http") or not parts.hostname:
            findings.append(Finding(shown, entry["url"].line, 1, "watch-config",
                                    f"'{values['url']}' is not an http(s) URL",
                                    "give the feed's or the API's full address"))
    questions = _ids(entry.get("questions"), "questions", shown, findings)
    facts = _ids(entry.get("facts"), "facts", shown, findings)
    only = _pattern(entry.get("only"), shown, findings)
    rules, id_lines = [], [("question", q, line) for q, line in questions]
    id_lines += [("fact", f, line) for f, line in facts]
    also = entry.get("also")
    if also is not None and also.value is not None:
        if not isinstance(also.value, list):
            findings.append(Finding(shown, also.line, 1, "watch-config", "also: must be a list",
                                    "each entry: match:, questions:, facts:"))
        else:
            for rule in also.value:
                if not isinstance(rule.value, dict) or "match" not in rule.value:
                    findings.append(Finding(shown, rule.line, 1, "watch-config",
                                            "an also: entry needs match:",
                                            "match: a pattern of the titles it applies to"))
                    continue
                _keys(rule.value, RULE_KEYS, "an also: entry", shown, findings)
                pattern = _pattern(rule.value["match"], shown, findings)
                rq = _ids(rule.value.get("questions"), "questions", shown, findings)
                rf = _ids(rule.value.get("facts"), "facts", shown, findings)
                id_lines += [("question", q, line) for q, line in rq]
                id_lines += [("fact", f, line) for f, line in rf]
                if pattern is not None:
                    rules.append(Rule(pattern, tuple(q for q, _ in rq), tuple(f for f, _ in rf)))
    if len(findings) > before:
        return None
    return Source(values["id"], values["kind"], values["url"], node.line,
                  tuple(q for q, _ in questions), tuple(f for f, _ in facts), only,
                  tuple(rules), tuple(id_lines))


def load_config(path: Path, shown: str | None = None, env=None) -> tuple[Config, list[Finding]]:
    """Read facts/watch.yaml. The contact comes from $STORY_WATCH_CONTACT, else `contact:`;
    without one, or without an e-mail address in it, the config is refused (never a made-up one)."""
    shown = shown or str(path)
    env = os.environ if env is None else env
    config = Config(shown)
    root, problems = read_yaml(path)
    findings = [Finding(shown, f.line, f.col, "watch-config",
                        f.message.replace("the registry", "the watch configuration"), f.hint)
                for f in problems]
    if root is None:
        return config, findings or [Finding(shown, 1, 1, "watch-config", "the file is empty",
                                            "list the sources under sources:")]
    if not isinstance(root.value, dict):
        return config, [Finding(shown, root.line, 1, "watch-config",
                                "the file must be a mapping with sources:", "see CONTRIBUTING.md")]
    top = root.value
    _keys(top, TOP_KEYS, "the file", shown, findings)
    config.timeout = _number(top.get("timeout"), "timeout", shown, findings, 20.0, float, 0.01)
    config.retries = _number(top.get("retries"), "retries", shown, findings, 3, int, 0)
    config.backoff = _number(top.get("backoff"), "backoff", shown, findings, 2.0, float, 0)
    since = top.get("since")
    if since is not None and since.value is not None:
        if not isinstance(since.value, str) or not DATE_RE.match(since.value):
            findings.append(Finding(shown, since.line, 1, "watch-config",
                                    f"since: '{since.value}' is not a date", "write since: YYYY-MM-DD"))
        else:
            config.since = since.value
    contact_node = top.get("contact")
    from_file = contact_node.value if contact_node is not None and isinstance(contact_node.value, str) else ""
    contact = (env.get(CONTACT_ENV) or "").strip() or (from_file or "").strip()
    where = f"${CONTACT_ENV}" if (env.get(CONTACT_ENV) or "").strip() else f"{shown} contact:"
    line = contact_node.line if contact_node is not None else 1
    if not contact:
        findings.append(Finding(shown, line, 1, "watch-contact",
                                "no contact for the User-Agent: the SEC asks every automated tool "
                                "for a name and an e-mail address it can write to",
                                f"set ${CONTACT_ENV} (for example in the CI's repository "
                                f"variables) or contact: in {shown} to a real name and address "
                                "of the project's editors"))
    elif not EMAIL_RE.search(contact) or "\n" in contact or "\r" in contact:
        findings.append(Finding(shown, line, 1, "watch-contact",
                                f"the contact from {where} has no e-mail address (or spans lines)",
                                "write a name and an address on one line: Name name@example.org"))
    else:
        config.contact = contact
    sources = top.get("sources")
    if sources is None or not isinstance(sources.value, list) or not sources.value:
        findings.append(Finding(shown, (sources or root).line, 1, "watch-config",
                                "no sources: to watch", "list the feeds under sources:"))
        return config, findings
    seen: dict[str, int] = {}
    for node in sources.value:
        source = _source(node, shown, findings)
        if source is None:
            continue
        if source.id in seen:
            findings.append(Finding(shown, node.line, 1, "watch-config",
                                    f"source id '{source.id}' is used twice (first at line {seen[source.id]})",
                                    "give each source its own id"))
            continue
        seen[source.id] = node.line
        config.sources.append(source)
    return config, findings


def _ids_with_lines(root, key: str) -> dict[str, int] | None:
    """The ids of a registry-like file: `key:` as a list of mappings with id:, or as a mapping
    keyed by id, or the file as such a list. None when the shape is none of these."""
    if root is None:
        return None
    value = root.value
    if isinstance(value, dict) and key in value:
        value = value[key].value
    if isinstance(value, dict):
        return {k: v.line for k, v in value.items()}
    if isinstance(value, list):
        found = {}
        for entry in value:
            if isinstance(entry.value, dict) and "id" in entry.value and isinstance(entry.value["id"].value, str):
                found[entry.value["id"].value] = entry.line
        return found
    return None


def known_ids(path: Path, key: str) -> dict[str, int] | None:
    """The ids `path` defines under `key` (questions, facts), or None when the file is absent
    or unreadable (then nothing is checked against it)."""
    if not path.is_file():
        return None
    root, problems = read_yaml(path)
    if problems:
        return None
    return _ids_with_lines(root, key)


def check_ids(config: Config, questions: dict | None, facts: dict | None,
              questions_file: str, facts_file: str) -> list[Finding]:
    """An error at its watch.yaml line for each id that is not in its file (files that do not
    exist yet are not checked: the command says so)."""
    found = []
    for source in config.sources:
        for what, ident, line in source.id_lines:
            known, file = (questions, questions_file) if what == "question" else (facts, facts_file)
            if known is None or ident in known:
                continue
            close = difflib.get_close_matches(ident, list(known), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"add it to {file} or remove it here"
            found.append(Finding(config.path, line, 1, "watch-unknown-id",
                                 f"unknown {what} '{ident}' (source {source.id}): not in {file}", hint))
    return found
