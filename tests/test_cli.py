"""The command line (python -m hooks ...) on the small project in tests/sites/cli-project/.

That project has exactly one error (Devanagari digits in docs/x.hi.md, line 9, column 8) and
one warning (docs/old.hi.md records an English version that has changed since). Tests that
change it work on a copy. The online link check runs against a local http.server only.
"""
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from hooks import cli
from hooks.checks import external_links
from hooks.core import freshness
from hooks.commands import links as links_command

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "sites" / "cli-project"
DIGITS = "docs/x.hi.md:9:8: hi-digits: Devanagari digits '३' (fix: write Latin digits: 3)"


@pytest.fixture
def project(tmp_path):
    dest = tmp_path / "cli-project"
    shutil.copytree(FIXTURE, dest)
    return dest


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch):
    for name in ("GITHUB_ACTIONS", "NO_NETWORK", "LINKCHECK_PROBE_URL"):
        monkeypatch.delenv(name, raising=False)


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def statuses(capsys, root):
    code, out, _ = run(capsys, "status", "--json", "--root", root)
    assert code == 0
    return {row["page"]: row["status"] for row in json.loads(out)["pages"]}


# ---------------------------------------------------------------- check

def test_check_reports_every_finding_and_fails(capsys):
    code, out, err = run(capsys, "check", "--root", FIXTURE)
    assert code == 1
    lines = out.splitlines()
    assert lines == [
        "docs/old.hi.md:1:1: i18n-outdated: the English page has changed since this translation "
        "was made (fix: update the Hindi text, then run: python -m hooks ack old.md) [warning]",
        DIGITS,
        "1 error, 1 warning",
    ]
    assert "::error" not in out          # annotations only on GitHub Actions or with --format github
    assert "Traceback" not in err


def test_check_github_format(capsys):
    code, out, _ = run(capsys, "check", "--format", "github", "--root", FIXTURE)
    assert code == 1
    assert ("::error file=docs/x.hi.md,line=9,col=8,title=hi-digits::Devanagari digits '३' "
            "(fix: write Latin digits: 3)") in out.splitlines()
    assert any(l.startswith("::warning file=docs/old.hi.md,line=1,col=1,title=i18n-outdated::")
               for l in out.splitlines())
    assert DIGITS not in out


def test_check_under_github_actions_prints_text_and_annotations(capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "check", "--root", FIXTURE)
    assert code == 1
    assert DIGITS in out.splitlines()
    assert any(l.startswith("::error file=docs/x.hi.md,line=9,col=8,title=hi-digits::") for l in out.splitlines())


def test_check_json(capsys):
    code, out, _ = run(capsys, "check", "--format", "json", "--root", FIXTURE)
    data = json.loads(out)
    assert code == 1 and data["errors"] == 1 and data["warnings"] == 1
    assert {"path": "docs/x.hi.md", "line": 9, "col": 8, "rule": "hi-digits", "severity": "error"}.items() \
        <= data["findings"][1].items()


def test_check_passes_when_only_warnings_remain(capsys, project):
    page = project / "docs" / "x.hi.md"
    page.write_text(page.read_text(encoding="utf-8").replace("३", "3"), encoding="utf-8")
    code, out, _ = run(capsys, "check", "--root", project)
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 1 warning"


def test_registry_problems_are_shown_relative_to_the_project(capsys, project):
    registry = project / "facts" / "registry.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace("https://example.org/source",
                                                                      "http://example.org/source"),
                        encoding="utf-8")
    code, out, _ = run(capsys, "check", "--root", project)
    assert code == 1
    assert "facts/registry.yaml:19:1: registry-source: fact 'launch-date', field 'sources.url'" in out


def test_check_as_a_program_from_inside_the_project(project):
    """`python -m hooks check` finds the project from the working directory (pre-commit, CI)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("GITHUB_ACTIONS", None)
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "--format", "github"],
                            cwd=project / "docs", capture_output=True, text=True, env=env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "::error file=docs/x.hi.md,line=9,col=8,title=hi-digits::" in result.stdout
    assert "Traceback" not in result.stderr


def test_no_project_is_a_usage_error(capsys, tmp_path):
    code, _, err = run(capsys, "check", "--root", tmp_path)
    assert code == 2 and "has no mkdocs.yml" in err and "Traceback" not in err


def test_unknown_command_and_option(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["frobnicate"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "--format", "xml"])
    assert exc.value.code == 2


def test_check_on_the_real_site_is_fast():
    started = time.perf_counter()
    cli.run_checks(ROOT)
    assert time.perf_counter() - started < 5


# ---------------------------------------------------------------- status, new, ack

def test_status(capsys):
    assert statuses(capsys, FIXTURE) == {"index.md": "up-to-date", "notes.md": "not-translated",
                                        "old.md": "outdated", "x.md": "up-to-date"}
    code, out, _ = run(capsys, "status", "--root", FIXTURE)
    assert code == 0
    assert any(l.split() == ["old.md", "outdated", "docs/old.hi.md"] for l in out.splitlines())
    assert "1 not-translated, 1 outdated, 2 up-to-date" in out


def test_status_missing_and_unrecorded(capsys, project):
    (project / "docs" / "x.hi.md").unlink()
    index = project / "docs" / "index.hi.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text[text.index("\n---\n") + 5:], encoding="utf-8")
    got = statuses(capsys, project)
    assert got["x.md"] == "missing" and got["index.md"] == "unrecorded"


def test_new_then_edit_then_ack(capsys, project):
    code, out, err = run(capsys, "new", "guide/first-steps", "--title-en", "First steps",
                         "--title-hi", "पहले क़दम", "--root", project)
    assert code == 0, err
    en, hi = project / "docs" / "guide" / "first-steps.md", project / "docs" / "guide" / "first-steps.hi.md"
    assert "created docs/guide/first-steps.md" in out and "created docs/guide/first-steps.hi.md" in out
    assert en.read_text(encoding="utf-8").startswith("# First steps\n")
    hi_text = hi.read_text(encoding="utf-8")
    assert f'translated_from: "{freshness.fingerprint(en.read_text(encoding="utf-8"))}"' in hi_text
    assert "# पहले क़दम" in hi_text and "{#overview}" in hi_text and "{#overview}" in en.read_text(encoding="utf-8")

    config_text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  # The old page stays last." in config_text          # comments kept
    config = yaml.safe_load(config_text)
    assert config["nav"][-1] == {"First steps": "guide/first-steps.md"}
    hi_lang = config["plugins"][1]["i18n"]["languages"][1]
    assert hi_lang["nav_translations"] == {"Home": "होम", "Second page": "दूसरा पन्ना",
                                           "Old page": "पुराना पन्ना", "Notes": "टिप्पणियाँ",
                                           "First steps": "पहले क़दम"}

    # The new pages pass every check.
    code, out, _ = run(capsys, "check", "--root", project)
    assert "first-steps" not in out

    assert statuses(capsys, project)["guide/first-steps.md"] == "up-to-date"
    en.write_text(en.read_text(encoding="utf-8") + "\nA new paragraph in English.\n", encoding="utf-8")
    assert statuses(capsys, project)["guide/first-steps.md"] == "outdated"
    code, out, _ = run(capsys, "ack", "guide/first-steps", "--root", project)
    assert code == 0 and "docs/guide/first-steps.hi.md: recorded as a translation of" in out
    assert statuses(capsys, project)["guide/first-steps.md"] == "up-to-date"
    assert "# पहले क़दम" in hi.read_text(encoding="utf-8")           # the page itself is kept


def test_new_refuses_existing_pages_and_bad_names(capsys, project):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    code, _, err = run(capsys, "new", "x", "--root", project)
    assert code == 2 and "docs/x.md already exists" in err
    code, _, err = run(capsys, "new", "../escape", "--root", project)
    assert code == 2 and "is not a page name" in err
    code, _, err = run(capsys, "new", "Big Page", "--root", project)
    assert code == 2
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert "Traceback" not in err


def test_new_without_titles(capsys, project):
    code, out, _ = run(capsys, "new", "glossary-extra", "--root", project)
    assert code == 0
    assert (project / "docs" / "glossary-extra.md").read_text(encoding="utf-8").startswith("# Glossary extra\n")
    assert "translate it" in out
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    assert {"Glossary extra": "glossary-extra.md"} in config["nav"]


@pytest.mark.parametrize("name", ["old", "old.md", "docs/old.hi.md", "old.hi.md", "docs/old.md"])
def test_ack_accepts_any_spelling_of_the_page(capsys, project, name):
    code, out, _ = run(capsys, "ack", name, "--root", project)
    assert code == 0 and out.startswith("docs/old.hi.md: recorded")
    assert statuses(capsys, project)["old.md"] == "up-to-date"


def test_ack_unknown_or_untranslated_page(capsys, project):
    code, _, err = run(capsys, "ack", "olde", "--root", project)
    assert code == 2 and "no page 'olde'" in err and "old.md" in err
    code, _, err = run(capsys, "ack", "notes", "--root", project)
    assert code == 2 and "no Hindi translation" in err
    code, _, err = run(capsys, "ack", "--root", project)
    assert code == 2 and "--all" in err


def test_ack_all(capsys, project):
    code, out, _ = run(capsys, "ack", "--all", "--root", project)
    assert code == 0 and len(out.splitlines()) == 3
    assert set(statuses(capsys, project).values()) == {"up-to-date", "not-translated"}


def test_nav_editing_on_other_layouts():
    config = "site_name: x\nnav:\n- Home: index.md\n- A:\n  - B: a/b.md\n# end of nav\nhooks: []\n"
    edited, _ = cli.add_page(config, "New: page", "नया", "new.md")
    assert yaml.safe_load(edited)["nav"] == [{"Home": "index.md"}, {"A": [{"B": "a/b.md"}]},
                                             {"New: page": "new.md"}]
    assert edited.startswith("site_name: x\nnav:\n- Home: index.md\n- A:\n  - B: a/b.md\n")
    assert "# end of nav\n" in edited and edited.endswith("hooks: []\n")   # the list style and comment kept
    edited, notes = cli.add_page("site_name: x\n", "New", "नया", "new.md")
    assert "no nav list" in notes[0] and edited == "site_name: x\n"
    config = ("plugins:\n  - i18n:\n      languages:\n        - locale: en\n          default: true\n"
              "        - locale: hi\n          name: हिन्दी\n\nnav:\n  - Home: index.md\n")
    edited, _ = cli.add_page(config, "Home", "होम", "index2.md")
    assert yaml.safe_load(edited)["plugins"][0]["i18n"]["languages"][1]["nav_translations"] == {"Home": "होम"}
    assert "name: हिन्दी\n" in edited and "\n\nnav:\n  - Home: index.md\n" in edited


# ---------------------------------------------------------------- links

def test_offline_links(capsys, project):
    code, out, _ = run(capsys, "links", "--root", FIXTURE)
    assert code == 0 and out.splitlines()[-1] == "0 errors, 0 warnings"
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("x.md#part", "x.md#prat"), encoding="utf-8")
    code, out, _ = run(capsys, "links", "--root", project)
    assert code == 1 and "docs/index.md:7:" in out and "link-anchor" in out


def test_external_urls_are_collected_with_their_places():
    places = external_links.collect_external_urls(FIXTURE)
    assert {url: sorted(where) for url, where in places.items()} == {
        "https://example.org/meta": [("docs/index.hi.md", 11, 37), ("docs/index.md", 7, 57)],
        "https://example.org/source": [("facts/registry.yaml", 19, 14)],
    }


class Handler(http.server.BaseHTTPRequestHandler):
    log: list = []
    active = 0
    most_at_once = 0
    lock = threading.Lock()
    flaky_calls = 0

    def log_message(self, *args):
        pass

    def _answer(self, body: bool):
        cls = type(self)
        with cls.lock:
            cls.active += 1
            cls.most_at_once = max(cls.most_at_once, cls.active)
            cls.log.append((self.command, self.path, self.headers.get("User-Agent"), time.monotonic()))
        time.sleep(0.01)
        with cls.lock:   # counted before answering: a redirect's next request cannot overlap it
            cls.active -= 1
        status, headers = 200, {}
        if self.path == "/missing":
            status = 404
        elif self.path == "/no-head" and self.command == "HEAD":
            status = 405
        elif self.path == "/moved":
            status, headers = 301, {"Location": "/ok"}
        elif self.path == "/forbidden":
            status = 403
        elif self.path == "/flaky":
            with cls.lock:
                cls.flaky_calls += 1
                status = 503 if cls.flaky_calls <= 2 else 200   # the first two requests fail
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(False)

    def do_GET(self):
        self._answer(True)


@pytest.fixture
def server():
    Handler.log, Handler.active, Handler.most_at_once, Handler.flaky_calls = [], 0, 0, 0
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def local_urls(monkeypatch, server):
    urls = {f"{server}/{p}": [("docs/x.md", 3, 5 + i)]
            for i, p in enumerate(["ok", "missing", "no-head", "moved", "forbidden", "flaky"])}
    urls[f"{server}/missing"].append(("facts/registry.yaml", 40, 14))
    monkeypatch.setattr(links_command, "collect_external_urls", lambda root: urls)
    return urls


def online(capsys, project, server, *extra):
    return run(capsys, "links", "--online", "--root", project, "--rate", "20", "--backoff", "0.01",
               "--timeout", "5", "--probe", f"{server}/ok", *extra)


def test_online_check(capsys, project, server, local_urls):
    """lychee makes the requests (the project's one online link engine): the project's rules and
    messages on top, per place."""
    code, out, err = online(capsys, project, server)
    assert code == 1, out + err
    lines = out.splitlines()
    assert f"docs/x.md:3:6: link-dead: {server}/missing answered 404 Not Found" in "\n".join(lines)
    assert any(l.startswith(f"facts/registry.yaml:40:14: link-dead: {server}/missing") for l in lines)
    assert any(l.startswith(f"docs/x.md:3:9: link-unverified: {server}/forbidden answered 403")
               and l.endswith("[warning]") for l in lines)
    # a busy server (503) is never a dead link: at worst a warning (lychee 0.24 asks once)
    assert not any("link-dead" in l and "/flaky" in l for l in lines), out
    assert not any(p in out for p in ("/no-head answered", "/moved answered", "/ok answered")), out
    assert lines[-1].startswith("6 URLs: ") and " 1 broken" in lines[-1] and "(lychee;" in lines[-1]

    asked = Handler.log[1:]                           # after the probe
    assert all(ua.startswith("llama4-explainer-linkcheck/") for _, _, ua, _ in asked)
    assert "+https://example.org/cli-fixture/" in asked[-1][2]     # names the project's site
    assert Handler.most_at_once == 1                  # one request at a time on a host
    firsts = {}
    for method, path, _, t in asked:                  # each URL's first request (not a redirect's)
        firsts.setdefault(path, t)
    times = sorted(firsts.values())
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.04   # --rate 20: 50 ms apart

    cache = json.loads((project / ".cache" / "external-links.json").read_text(encoding="utf-8"))
    assert cache["urls"][f"{server}/missing"]["status"] == 404
    assert cache["urls"][f"{server}/missing"]["result"] == "broken"
    assert cache["urls"][f"{server}/ok"]["result"] == "ok" and "checked_at" in cache["urls"][f"{server}/ok"]


def test_online_check_uses_the_cache(capsys, project, server, local_urls):
    cache = project / "links-cache.json"
    online(capsys, project, server, "--cache", cache)
    asked = len(Handler.log)
    code, out, _ = online(capsys, project, server, "--cache", cache)
    assert len(Handler.log) == asked                  # nothing asked again: no probe either
    assert code == 1 and "6 checked less than 7 days ago (cache), 0 to check" in out
    assert "link-dead" in out
    code, out, _ = online(capsys, project, server, "--cache", cache, "--max-age-days", "0")
    assert len(Handler.log) > asked and "0 checked less than 0 days ago (cache), 6 to check" in out


def test_online_check_skips_without_network(capsys, project, server, local_urls, monkeypatch):
    monkeypatch.setenv("NO_NETWORK", "1")
    code, out, _ = online(capsys, project, server)
    assert code == 0 and out.splitlines()[-1] == "skipped: no network" and Handler.log == []
    monkeypatch.delenv("NO_NETWORK")
    code, out, _ = run(capsys, "links", "--online", "--root", project, "--probe", "http://127.0.0.1:1/")
    assert code == 0 and out.splitlines()[-1] == "skipped: no network" and Handler.log == []
    assert not (project / ".cache" / "external-links.json").exists()


def test_unreachable_url_is_broken(capsys, project, server, monkeypatch):
    monkeypatch.setattr(links_command, "collect_external_urls",
                        lambda root: {"http://127.0.0.1:1/gone": [("docs/index.md", 2, 3)]})
    code, out, _ = online(capsys, project, server)
    assert code == 1 and "docs/index.md:2:3: link-dead: http://127.0.0.1:1/gone refused the connection" in out


def test_online_bad_arguments(capsys, project):
    code, _, err = run(capsys, "links", "--online", "--rate", "0", "--root", project)
    assert code == 2 and "--rate" in err


# ---------------------------------------------------------------- new: round trip of mkdocs.yml

def test_new_keeps_comments_tags_and_blank_lines(capsys, project):
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "      docs_structure: suffix\n",
        "      # preview one language: BUILD_ONLY_LOCALE=hi mkdocs serve\n"
        "      build_only_locale: !ENV [BUILD_ONLY_LOCALE]\n      docs_structure: suffix\n")
    config.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "new", "extra-page", "--title-en", "Extra: notes", "--title-hi", "और बातें",
                       "--root", project)
    assert code == 0, err
    after = config.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in text.splitlines()]
    assert added == ["            'Extra: notes': और बातें", "  - 'Extra: notes': extra-page.md"]
    assert "build_only_locale: !ENV [BUILD_ONLY_LOCALE]" in after
    assert "# preview one language" in after and "  # The old page stays last." in after
    # the blank line between the language list and `extra:` stays there
    assert "            'Extra: notes': और बातें\n\nextra:" in after


@pytest.mark.parametrize("title", ["Two\nlines", "Tab\tinside"])
def test_new_refuses_a_title_that_is_not_one_line(capsys, project, title):
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    code, _, err = run(capsys, "new", "bad-title", "--title-en", title, "--root", project)
    assert code == 2 and "title" in err and "Traceback" not in err
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before
    assert not (project / "docs" / "bad-title.md").exists()


def test_runs_from_a_subfolder_of_the_project(project):
    """python -m hooks finds the package (pip install -e .) and the project (mkdocs.yml above)."""
    result = subprocess.run([sys.executable, "-m", "hooks", "status"], cwd=project / "docs",
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "No module named" not in result.stderr and "old.md" in result.stdout


# ---------------------------------------------------------------- check --site: a finished site

SITES = Path(__file__).resolve().parent / "sites"


def _finished_site(tmp_path, case):
    """A fixture site, built (not strict: it breaks a rule) into a folder; the checks of
    `python -m hooks check --site` then run in this process, with no MkDocs event."""
    from fixture_sites import assemble, run_build
    config = assemble(case, tmp_path / "src")
    run_build(config, tmp_path / "site", strict=False)
    assert (tmp_path / "site" / "index.html").exists()
    return config.parent, tmp_path / "site"


POST_BUILD = [
    # rule family: a fixture that breaks one of its rules, and the rule reported
    ("links-broken-html", "link-broken"),
    ("links-broken-nav", "link-broken"),
    ("links-cross-language", "link-cross-language"),
    ("facts-unknown-id", "fact-unknown"),
    ("i18n-missing-twin", "i18n-missing-twin"),
    ("hi-spelling", "hi-spelling"),
    ("story-no-summary", "page-summary-missing"),
    ("registry-bad-date", None),
]


@pytest.mark.parametrize("case,rule", POST_BUILD, ids=[c for c, _ in POST_BUILD])
def test_check_site_on_a_finished_site(tmp_path, capsys, case, rule):
    root, site = _finished_site(tmp_path, case)
    code, out, err = run(capsys, "check", "--root", root, "--site", site, "--format", "json")
    data = json.loads(out)
    rules = {f["rule"] for f in data["findings"]}
    if rule is None:   # the family's rule, whatever it is called: something is reported
        assert data["findings"], out
    else:
        assert rule in rules, out
    assert code == (1 if data["errors"] else 0)
    assert "Traceback" not in err


def test_check_site_on_a_clean_site(tmp_path, capsys):
    root, site = _finished_site(tmp_path, "links-ok")
    code, out, err = run(capsys, "check", "--root", root, "--site", site)
    assert ": link-" not in out, out


def test_check_site_needs_a_built_site(capsys, project, tmp_path):
    code, _, err = run(capsys, "check", "--root", project, "--site", tmp_path / "nothing")
    assert code == 2 and "not a built site" in err


def test_online_check_with_lychee(capsys, project, server, local_urls):
    code, out, err = online(capsys, project, server)
    assert code == 1, out + err
    assert f"docs/x.md:3:6: link-dead: {server}/missing answered 404" in out
    assert f"docs/x.md:3:9: link-unverified: {server}/forbidden answered 403" in out
    assert "broken" in out.splitlines()[-1] and "lychee" in out.splitlines()[-1]
    assert (project / ".cache" / "lychee" / ".lycheecache").exists()   # lychee's own cache


def test_lychee_results_without_any_answer_are_not_dead(tmp_path):
    """Row 97 holds for lychee too: no host answered at all, so nothing is recorded as dead."""
    found = external_links.check_with_lychee(["http://127.0.0.1:1/a", "http://127.0.0.1:2/b"],
                                             tmp_path / "cache", timeout=2, retries=0)
    assert {r["result"] for r in found.values()} == {external_links.UNVERIFIED}
