"""The story watch (python -m hooks watch; hooks/watch.py), offline: every source is served by a
local HTTP server in a thread.

The answers below are written from each service's documented format, not recorded from it (the
machine these tests were written on had no network). Replace them with the first live run's
responses when one is available:
- Atom, GitHub's releases.atom and commits/<branch>.atom: RFC 4287
  (https://www.rfc-editor.org/rfc/rfc4287); GitHub documents its Atom feeds only in general
  (https://docs.github.com/en/rest/activity/feeds), so the entry shape follows the RFC.
- RSS 2.0, Meta's newsroom (WordPress): https://www.rssboard.org/rss-specification
- Hugging Face, GET /api/models?author=...: https://huggingface.co/docs/hub/api ("Repo listing
  API": a JSON list; `id`, `createdAt`, and `lastModified` when sorted by it).
- SEC EDGAR, data.sec.gov/submissions/CIK##########.json:
  https://www.sec.gov/search-filings/edgar-application-programming-interfaces (`cik`, and
  `filings.recent` as columns: accessionNumber, filingDate, form, primaryDocument, ...).
The Muse Glimmer entries are shaped like its release (10 August 2026); their repository and tag
names are made up here, since the real ones were not seen.
"""
from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from hooks import cli, watch

ROOT = Path(__file__).resolve().parents[1]
CONTACT = "Watch Tests watch-tests@example.org"   # example.org: reserved for examples (RFC 2606)

RELEASES_ATOM = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-US">
  <id>tag:github.com,2008:https://github.com/example-org/models/releases</id>
  <link type="text/html" rel="alternate" href="https://github.com/example-org/models/releases"/>
  <title>Release notes from models</title>
  <updated>2026-08-10T16:00:00Z</updated>
  <entry>
    <id>tag:github.com,2008:Repository/1/muse-glimmer-v1</id>
    <updated>2026-08-10T16:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://github.com/example-org/models/releases/tag/muse-glimmer-v1"/>
    <title>Muse Glimmer</title>
    <content type="html">&lt;p&gt;Open weights under Apache 2.0&lt;/p&gt;</content>
    <author><name>example</name></author>
  </entry>
  <entry>
    <id>tag:github.com,2008:Repository/1/v0.2.0</id>
    <updated>2025-04-05T18:00:00Z</updated>
    <link rel="alternate" type="text/html" href="https://github.com/example-org/models/releases/tag/v0.2.0"/>
    <title>v0.2.0</title>
  </entry>
</feed>
"""

NEWSROOM_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
  <title>Meta Newsroom</title>
  <link>https://newsroom.example/news/</link>
  <description>News</description>
  <item>
    <title>Meta Reports Second Quarter 2026 Results</title>
    <link>https://newsroom.example/news/2026/07/q2-results/</link>
    <pubDate>Wed, 29 Jul 2026 20:05:00 +0000</pubDate>
    <guid isPermaLink="false">https://newsroom.example/?p=1001</guid>
  </item>
  <item>
    <title>A new look for Stories</title>
    <link>https://newsroom.example/news/2026/06/stories/</link>
    <pubDate>Tue, 02 Jun 2026 16:00:00 +0000</pubDate>
    <guid isPermaLink="false">https://newsroom.example/?p=1000</guid>
  </item>
</channel>
</rss>
"""

HF_MODELS = json.dumps([
    {"_id": "66b7a0c0", "id": "example-org/Muse-Glimmer-30B", "modelId": "example-org/Muse-Glimmer-30B",
     "likes": 10, "downloads": 100, "private": False, "pipeline_tag": "image-text-to-text",
     "tags": ["safetensors", "license:apache-2.0"], "createdAt": "2026-08-10T15:00:00.000Z",
     "lastModified": "2026-08-12T09:00:00.000Z"},
    {"_id": "67f0b0c0", "id": "example-org/Llama-4-Scout-17B-16E", "likes": 1000, "downloads": 5,
     "private": False, "tags": ["safetensors"], "createdAt": "2025-04-02T10:00:00.000Z",
     "lastModified": "2026-05-01T10:00:00.000Z"},
]).encode()

SEC_SUBMISSIONS = json.dumps({
    "cik": "1326801", "entityType": "operating", "name": "Example Platforms, Inc.",
    "tickers": ["EX"], "exchanges": ["Nasdaq"],
    "filings": {
        "recent": {
            "accessionNumber": ["0001326801-26-000070", "0001326801-26-000071", "0001326801-26-000010"],
            "filingDate": ["2026-07-29", "2026-07-30", "2026-01-29"],
            "reportDate": ["2026-07-29", "2026-07-28", "2026-01-29"],
            "acceptanceDateTime": ["2026-07-29T16:05:00.000Z", "2026-07-30T18:00:00.000Z",
                                   "2026-01-29T16:05:00.000Z"],
            "form": ["8-K", "4", "8-K"],
            "primaryDocument": ["ex-20260729.htm", "xslF345X05/wk-form4.xml", "ex-20260129.htm"],
            "primaryDocDescription": ["8-K", "FORM 4", "8-K"],
        },
        "files": [],
    },
}).encode()

REGISTRY = """facts:
  - id: later-llama-releases
  - id: llama-release-check-date
  - id: muse-spark-date
  - id: meta-capex-2026-guidance
"""
QUESTIONS = """questions:
  - id: open-weights-after
  - id: open-weights-release
  - id: muse-spark-avocado
  - id: capex-latest-outlook
"""


# ---------------------------------------------------------------- the local server

class Server:
    """A threaded HTTP server: routes map a path to a function (handler, hits) -> (status,
    headers, body); every request is logged with its headers."""

    def __init__(self):
        self.routes: dict = {}
        self.log: list = []
        self.active: dict = {}
        self.most_at_once: dict = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                host = self.headers.get("Host", "")
                with server.lock:
                    server.log.append((self.path, dict(self.headers)))
                    server.active[host] = server.active.get(host, 0) + 1
                    server.most_at_once[host] = max(server.most_at_once.get(host, 0), server.active[host])
                    hits = sum(1 for p, _ in server.log if p == self.path)
                try:
                    route = server.routes.get(self.path)
                    status, headers, body = route(self, hits) if route else (404, {}, b"not here")
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                finally:
                    with server.lock:
                        server.active[host] -= 1

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> list:
        return [headers for p, headers in self.log if p == path]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    s = Server()
    yield s
    s.close()


def static(body: bytes, content_type: str, **extra):
    return lambda handler, hits: (200, {"Content-Type": content_type, **extra}, body)


def conditional(body: bytes, content_type: str, etag=None, last_modified=None):
    """Answers 304 when the request carries the validator it was given."""
    def route(handler, hits):
        if etag and handler.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        if last_modified and handler.headers.get("If-Modified-Since") == last_modified:
            return 304, {"Last-Modified": last_modified}, b""
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        return 200, headers, body
    return route


def serve_all(server) -> None:
    server.routes.update({
        "/releases.atom": static(RELEASES_ATOM, "application/atom+xml; charset=utf-8"),
        "/feed/": static(NEWSROOM_RSS, "application/rss+xml; charset=UTF-8"),
        "/api/models?author=example-org&sort=lastModified&direction=-1&limit=50":
            static(HF_MODELS, "application/json; charset=utf-8"),
        "/submissions/CIK0001326801.json": static(SEC_SUBMISSIONS, "application/json"),
    })


def sources_yaml(server) -> str:
    return f"""
  - id: releases
    kind: feed
    url: {server.url('/releases.atom')}
    questions: [open-weights-after, open-weights-release]
    facts: [later-llama-releases, llama-release-check-date]
    also:
      - match: "(?i)muse"
        questions: [muse-spark-avocado]
        facts: [muse-spark-date]
  - id: newsroom
    kind: feed
    url: {server.url('/feed/')}
    questions: [open-weights-after]
    also:
      - match: "(?i)results"
        questions: [capex-latest-outlook]
  - id: hf
    kind: hf-models
    url: {server.url('/api/models?author=example-org&sort=lastModified&direction=-1&limit=50')}
    questions: [open-weights-after, open-weights-release]
    facts: [later-llama-releases]
  - id: sec
    kind: sec-submissions
    url: {server.url('/submissions/CIK0001326801.json')}
    only: "^(8-K|10-Q|10-K)(/A)?\\\\b"
    questions: [capex-latest-outlook]
    facts: [meta-capex-2026-guidance]
"""


def make_project(tmp_path: Path, sources: str, top: str = "since: 2026-04-08\ntimeout: 2\nretries: 0\nbackoff: 0\n",
                 questions: str | None = QUESTIONS) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: watch test\n", encoding="utf-8")
    facts = tmp_path / "facts"
    facts.mkdir(exist_ok=True)
    (facts / "registry.yaml").write_text(REGISTRY, encoding="utf-8")
    if questions is not None:
        (facts / "questions.yaml").write_text(questions, encoding="utf-8")
    (facts / "watch.yaml").write_text(top + "sources:" + sources, encoding="utf-8")
    return tmp_path


@pytest.fixture
def contact(monkeypatch):
    monkeypatch.setenv(watch.CONTACT_ENV, CONTACT)


def run(root: Path, capsys, *extra) -> tuple[int, str, str]:
    status = cli.main(["watch", "--root", str(root), *extra])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def blocks(out: str) -> dict:
    """title -> the three lines printed for a new item."""
    lines = out.splitlines()
    found = {}
    for i, line in enumerate(lines):
        m = re.match(r"NEW  (\S+)  (.*)$", line)
        if m:
            found[m.group(2)] = (m.group(1), lines[i + 1].strip(), lines[i + 2].strip())
    return found


# ---------------------------------------------------------------- what is listed

def test_a_release_like_muse_glimmer_is_listed_against_its_questions(tmp_path, server, capsys, contact):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    status, out, err = run(root, capsys)
    assert status == 1, out + err
    items = blocks(out)
    # the Hugging Face entry: its date is the repository's creation, its link the model's page
    date, link, touches = items["example-org/Muse-Glimmer-30B"]
    assert date == "2026-08-10"
    assert link == server.url("/example-org/Muse-Glimmer-30B")
    assert touches == ("source hf; may touch: questions open-weights-after, open-weights-release; "
                       "facts later-llama-releases")
    # the GitHub release: the source's questions, and those its title pattern adds
    date, link, touches = items["Muse Glimmer"]
    assert (date, link) == ("2026-08-10", "https://github.com/example-org/models/releases/tag/muse-glimmer-v1")
    assert touches == ("source releases; may touch: questions open-weights-after, open-weights-release, "
                       "muse-spark-avocado; facts later-llama-releases, llama-release-check-date, muse-spark-date")
    assert "capex" not in touches
    # the SEC's results 8-K is listed against the spending question; the Form 4 is not listed
    date, link, touches = items["8-K: 8-K"]
    assert date == "2026-07-29"
    assert link == "https://www.sec.gov/Archives/edgar/data/1326801/000132680126000070/ex-20260729.htm"
    assert touches == "source sec; may touch: questions capex-latest-outlook; facts meta-capex-2026-guidance"
    assert "FORM 4" not in out
    # RSS: the results post touches the spending question too, the other post only the base one
    assert items["Meta Reports Second Quarter 2026 Results"][2] == (
        "source newsroom; may touch: questions open-weights-after, capex-latest-outlook")
    assert items["A new look for Stories"][2] == "source newsroom; may touch: questions open-weights-after"
    # older than `since`: Llama 4's repository (2025), the January 8-K, the 2025 release
    assert "example-org/Llama-4-Scout-17B-16E" not in items and "v0.2.0" not in items
    assert len(items) == 5
    # newest first
    dates = [v[0] for v in items.values()]
    assert dates == sorted(dates, reverse=True)
    assert "watch: 5 new items from 4 sources (items dated before 2026-04-08 are left out); 0 sources failed" in out
    assert "python -m hooks watch --ack" in out
    # every request declared the contact
    assert all(CONTACT in headers["User-Agent"] for _, headers in server.log)


def test_without_since_everything_is_new(tmp_path, server, capsys, contact):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server), top="timeout: 2\nretries: 0\nbackoff: 0\n")
    status, out, _ = run(root, capsys)
    assert status == 1
    assert sum(line.startswith("NEW  ") for line in out.splitlines()) == 8   # 2 releases, 2 posts, 2 models, 2 filings (the Form 4 is left out)


def test_ack_records_the_items_and_the_same_run_then_lists_nothing(tmp_path, server, capsys, contact):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    assert run(root, capsys)[0] == 1
    requests_before = len(server.log)
    status, out, _ = run(root, capsys, "--ack")
    assert status == 0, out
    assert "watch: recorded 5 items as reviewed in facts/watch-state.json" in out
    assert out.count("REVIEWED ") == 5 and "REVIEWED 2026-08-10  Muse Glimmer" in out
    assert len(server.log) == requests_before          # --ack makes no request
    state = json.loads((root / "facts/watch-state.json").read_text(encoding="utf-8"))
    assert state["version"] == 1 and state["reviewed_on"]
    assert state["seen"]["hf"] == ["example-org/Muse-Glimmer-30B"]
    assert state["seen"]["sec"] == ["0001326801-26-000070"]
    status, out, _ = run(root, capsys)
    assert status == 0, out
    assert "NEW" not in out
    assert "watch: 0 new items from 4 sources" in out
    # a new item after the review is listed, alone
    server.routes["/submissions/CIK0001326801.json"] = static(
        SEC_SUBMISSIONS.replace(b'"0001326801-26-000071"', b'"0001326801-26-000099"')
        .replace(b'"4"', b'"10-Q"'), "application/json")
    status, out, _ = run(root, capsys)
    assert status == 1
    assert list(blocks(out)) == ["10-Q: FORM 4"]


def test_ack_records_what_the_last_run_listed_and_nothing_that_appeared_since(
        tmp_path, server, capsys, monkeypatch):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    monkeypatch.setenv(watch.CONTACT_ENV, CONTACT)
    assert run(root, capsys)[0] == 1
    # a filing appears after the editor's run and before the --ack
    server.routes["/submissions/CIK0001326801.json"] = static(
        SEC_SUBMISSIONS.replace(b'"0001326801-26-000071"', b'"0001326801-26-000099"')
        .replace(b'"4"', b'"10-Q"'), "application/json")
    monkeypatch.delenv(watch.CONTACT_ENV)             # --ack needs no contact: it makes no request
    status, out, _ = run(root, capsys, "--ack")
    assert status == 0 and "recorded 5 items" in out and "10-Q" not in out
    monkeypatch.setenv(watch.CONTACT_ENV, CONTACT)
    status, out, _ = run(root, capsys)
    assert status == 1 and list(blocks(out)) == ["10-Q: FORM 4"]
    # the list is used once: a second --ack has nothing to record until the next run
    assert run(root, capsys, "--ack")[0] == 0
    status, _, err = run(root, capsys, "--ack")
    assert status == 2 and "nothing to record: no list from an earlier run" in err


def test_ack_without_an_earlier_run_is_refused(tmp_path, server, capsys, contact):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    status, out, err = run(root, capsys, "--ack")
    assert status == 2 and "run `python -m hooks watch`, review what it lists" in err
    assert not (root / "facts/watch-state.json").exists() and server.log == []


def test_control_characters_in_a_feed_never_reach_the_output(tmp_path, server, capsys, contact):
    hostile = (RELEASES_ATOM.replace(b"<title>Muse Glimmer</title>",
                                     b"<title>Muse&#x9b;2J Glimmer&#x0a;::error::fake&#x202e;</title>")
               .replace(b"releases/tag/muse-glimmer-v1", b"releases/tag/muse&#x0a;::warning::x"))
    server.routes["/releases.atom"] = static(hostile, "application/atom+xml")
    root = make_project(tmp_path, f"""
  - id: releases
    kind: feed
    url: {server.url('/releases.atom')}
""")
    status, out, _ = run(root, capsys)
    assert status == 1
    # feedparser reads a C1 control (CSI) as windows-1252; the right-to-left override and the
    # line feed are dropped here
    assert all(ch.isprintable() for line in out.splitlines() for ch in line)
    assert not any(line.startswith("::") for line in out.splitlines())
    assert re.search(r"^NEW  2026-08-10  Muse.2J Glimmer ::error::fake$", out, re.MULTILINE)


# ---------------------------------------------------------------- conditional requests

@pytest.mark.parametrize("validator", ["etag", "last_modified"])
def test_a_feed_that_did_not_change_is_asked_conditionally_and_answers_304(
        tmp_path, server, capsys, contact, validator):
    kwargs = {"etag": '"v1-abc"'} if validator == "etag" else {"last_modified": "Mon, 10 Aug 2026 16:00:00 GMT"}
    server.routes["/releases.atom"] = conditional(RELEASES_ATOM, "application/atom+xml", **kwargs)
    root = make_project(tmp_path, f"""
  - id: releases
    kind: feed
    url: {server.url('/releases.atom')}
    questions: [open-weights-after]
""")
    status, out, _ = run(root, capsys)
    assert status == 1 and "ok      releases: fetched, 2 items, 1 new" in out
    # asked again: the request carries the validator, the server answers 304, and the items
    # come from the cache: still new, since nobody reviewed them (a 304 is not "nothing new")
    status, out, _ = run(root, capsys)
    second = server.hits("/releases.atom")[1]
    header = "If-None-Match" if validator == "etag" else "If-Modified-Since"
    assert second.get(header) == kwargs[validator.replace("-", "_")]
    assert status == 1 and "ok      releases: not modified, 2 items, 1 new" in out
    assert "Muse Glimmer" in blocks(out)
    status, out, _ = run(root, capsys, "--ack")
    assert status == 0
    status, out, _ = run(root, capsys)
    assert status == 0 and "not modified" in out and "NEW" not in out


def test_without_the_cache_no_conditional_request_is_made(tmp_path, server, capsys, contact):
    server.routes["/releases.atom"] = conditional(RELEASES_ATOM, "application/atom+xml", etag='"v1"')
    root = make_project(tmp_path, f"""
  - id: releases
    kind: feed
    url: {server.url('/releases.atom')}
""")
    run(root, capsys, "--no-cache")
    status, out, _ = run(root, capsys, "--no-cache")
    assert "If-None-Match" not in server.hits("/releases.atom")[1]
    assert status == 1 and "releases: fetched" in out


# ---------------------------------------------------------------- failures, each named

def test_a_malformed_feed_is_a_failure_of_its_source(tmp_path, server, capsys, contact):
    serve_all(server)
    server.routes["/feed/"] = static(NEWSROOM_RSS[:400], "application/rss+xml")   # cut mid-element
    root = make_project(tmp_path, sources_yaml(server))
    status, out, err = run(root, capsys)
    assert status == 3
    assert re.search(r"FAILED  newsroom  \S+/feed/: malformed feed at line \d+, column \d+", out), out
    assert "Muse Glimmer" in blocks(out)          # the other sources are still listed
    assert "1 source failed" in out
    assert "Traceback" not in out + err


@pytest.mark.parametrize("body, kind, message", [
    (b"<html><body>Sign in</body></html>", "feed", "the answer is not an RSS or Atom feed"),
    (b"just text", "feed", "malformed feed at line"),
    (b"<!doctype html><p>rate limited", "hf-models", "malformed JSON"),
    (b'{"error": "nope"}', "hf-models", "expected a JSON list of models"),
    (b'[{"likes": 3}]', "hf-models", "an entry has no id"),
    (b'{"cik": "1", "filings": {}}', "sec-submissions", "no cik or filings.recent columns"),
    ((b'{"cik": "1", "filings": {"recent": {"accessionNumber": ["a", "b"], "filingDate": ["2026-01-01"],'
     b' "form": ["8-K"], "primaryDocument": ["x"]}}}'), "sec-submissions", "columns differ in length"),
])
def test_malformed_answers_name_what_is_wrong(tmp_path, server, capsys, contact, body, kind, message):
    server.routes["/x"] = static(body, "text/plain")
    root = make_project(tmp_path, f"""
  - id: thing
    kind: {kind}
    url: {server.url('/x')}
""")
    status, out, _ = run(root, capsys)
    assert status == 3
    assert message in out and "FAILED  thing" in out


def test_a_failure_after_a_cached_answer_is_reported_not_masked(tmp_path, server, capsys, contact):
    server.routes["/releases.atom"] = conditional(RELEASES_ATOM, "application/atom+xml", etag='"v1"')
    root = make_project(tmp_path, f"""
  - id: releases
    kind: feed
    url: {server.url('/releases.atom')}
""")
    assert run(root, capsys)[0] == 1
    assert run(root, capsys, "--ack")[0] == 0
    server.routes["/releases.atom"] = lambda h, n: (500, {}, b"down")
    status, out, _ = run(root, capsys)
    assert status == 3 and "FAILED  releases  " in out and "HTTP 500" in out
    # recording that run says the source was not seen
    status, out, _ = run(root, capsys, "--ack")
    assert status == 0 and "recorded 0 items" in out
    assert "watch: note: releases could not be read in that run" in out


def test_a_timeout_is_reported_with_its_limit(tmp_path, server, capsys, contact):
    def slow(handler, hits):
        time.sleep(1.5)
        return 200, {"Content-Type": "application/atom+xml"}, RELEASES_ATOM
    server.routes["/slow.atom"] = slow
    root = make_project(tmp_path, f"""
  - id: slow
    kind: feed
    url: {server.url('/slow.atom')}
""", top="timeout: 0.3\nretries: 1\nbackoff: 0\n")
    started = time.monotonic()
    status, out, err = run(root, capsys)
    assert status == 3
    assert "FAILED  slow  " in out and "timed out after 0.3 s (2 tries)" in out
    assert len(server.hits("/slow.atom")) == 2      # the retry was made
    assert time.monotonic() - started < 1.4 * 2
    assert "Traceback" not in out + err


def test_a_redirect_to_another_host_is_refused(tmp_path, server, capsys, contact):
    server.routes["/moved.atom"] = lambda h, n: (301, {"Location": server.url("/releases.atom", "localhost")}, b"")
    server.routes["/releases.atom"] = static(RELEASES_ATOM, "application/atom+xml")
    root = make_project(tmp_path, f"""
  - id: moved
    kind: feed
    url: {server.url('/moved.atom')}
""")
    status, out, _ = run(root, capsys)
    assert status == 3
    assert f"redirected to another host ({server.url('/releases.atom', 'localhost')})" in out
    assert server.hits("/releases.atom") == []       # never followed


def test_a_redirect_on_the_same_host_is_followed(tmp_path, server, capsys, contact):
    server.routes["/moved.atom"] = lambda h, n: (302, {"Location": "/releases.atom"}, b"")
    server.routes["/releases.atom"] = static(RELEASES_ATOM, "application/atom+xml")
    root = make_project(tmp_path, f"""
  - id: moved
    kind: feed
    url: {server.url('/moved.atom')}
""")
    status, out, _ = run(root, capsys)
    assert status == 1 and "Muse Glimmer" in blocks(out)


def test_a_redirect_from_https_to_http_is_refused():
    from hooks.watch.fetch import _refuse_other_hosts

    class Redirect:
        is_redirect = True
        url = "https://feeds.example.org/a.atom"
        headers = {"location": "http://feeds.example.org/a.atom"}

    source = watch.Source("a", "feed", "https://feeds.example.org/a.atom", 1)
    with pytest.raises(watch.RedirectRefused, match="from https to http://feeds.example.org/a.atom"):
        _refuse_other_hosts(source)(Redirect())
    Redirect.headers = {"location": "/b.atom"}                      # same host, same scheme: followed
    assert _refuse_other_hosts(source)(Redirect()) is not None


def test_server_errors_are_retried_with_backoff(tmp_path, server, capsys, contact):
    server.routes["/flaky.atom"] = lambda h, n: ((503, {}, b"busy") if n == 1
                                                 else (200, {"Content-Type": "application/atom+xml"}, RELEASES_ATOM))
    root = make_project(tmp_path, f"""
  - id: flaky
    kind: feed
    url: {server.url('/flaky.atom')}
""", top="timeout: 2\nretries: 2\nbackoff: 0.1\n")
    status, out, _ = run(root, capsys)
    assert status == 1, out
    assert len(server.hits("/flaky.atom")) == 2


def test_an_error_status_that_stays_is_a_failure(tmp_path, server, capsys, contact):
    server.routes["/gone.atom"] = lambda h, n: (503, {}, b"busy")
    server.routes["/missing.atom"] = lambda h, n: (404, {}, b"no")
    root = make_project(tmp_path, f"""
  - id: busy
    kind: feed
    url: {server.url('/gone.atom')}
  - id: missing
    kind: feed
    url: {server.url('/missing.atom')}
""", top="timeout: 2\nretries: 1\nbackoff: 0\n")
    status, out, _ = run(root, capsys)
    assert status == 3
    assert "FAILED  busy  " in out and "HTTP 503" in out and "after 2 tries" in out
    assert "FAILED  missing  " in out and "HTTP 404" in out
    assert len(server.hits("/missing.atom")) == 1     # a 404 is not retried
    assert "0 new items from 2 sources" in out and "2 sources failed" in out


def test_offline_every_source_says_it_could_not_connect(tmp_path, capsys, contact):
    import socket
    with socket.socket() as s:                       # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = make_project(tmp_path, f"""
  - id: one
    kind: feed
    url: http://127.0.0.1:{port}/feed/
  - id: two
    kind: hf-models
    url: http://127.0.0.1:{port}/api/models
""")
    status, out, err = run(root, capsys)
    assert status == 3
    assert out.count("could not connect") == 2
    assert "watch: 0 new items from 2 sources" in out and "2 sources failed" in out
    assert "Traceback" not in out + err


def test_one_request_per_host_at_a_time(tmp_path, server, capsys, contact):
    def slow(handler, hits):
        time.sleep(0.3)
        return 200, {"Content-Type": "application/atom+xml"}, RELEASES_ATOM
    for path in ("/a.atom", "/b.atom", "/c.atom"):
        server.routes[path] = slow
    root = make_project(tmp_path, f"""
  - id: a
    kind: feed
    url: {server.url('/a.atom')}
  - id: b
    kind: feed
    url: {server.url('/b.atom')}
  - id: c
    kind: feed
    url: {server.url('/c.atom', 'localhost')}
""")
    status, _out, _ = run(root, capsys, "--no-cache")
    assert status == 1
    assert server.most_at_once[f"127.0.0.1:{server.port}"] == 1
    assert len(server.hits("/a.atom")) == len(server.hits("/b.atom")) == len(server.hits("/c.atom")) == 1


# ---------------------------------------------------------------- configuration and state

def test_no_contact_is_an_error_and_nothing_is_fetched(tmp_path, server, capsys, monkeypatch):
    monkeypatch.delenv(watch.CONTACT_ENV, raising=False)
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    status, _out, err = run(root, capsys)
    assert status == 4
    assert "facts/watch.yaml:1:1: watch-contact: no contact for the User-Agent" in err
    assert "STORY_WATCH_CONTACT" in err
    assert server.log == []


def test_a_contact_without_an_address_is_refused(tmp_path, server, capsys, monkeypatch):
    monkeypatch.setenv(watch.CONTACT_ENV, "Just A Name")
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    status, _, err = run(root, capsys)
    assert status == 4 and "has no e-mail address" in err and server.log == []


def test_the_contact_may_come_from_the_file(tmp_path, server, capsys, monkeypatch):
    monkeypatch.delenv(watch.CONTACT_ENV, raising=False)
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server),
                        top=f"contact: {CONTACT}\nsince: 2026-04-08\ntimeout: 2\nretries: 0\n")
    status, _, _ = run(root, capsys)
    assert status == 1
    assert all(CONTACT in headers["User-Agent"] for _, headers in server.log)


def _line_of(root: Path, text: str) -> int:
    lines = (root / "facts/watch.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_unknown_ids_and_bad_entries_are_errors_at_their_lines(tmp_path, capsys, contact):
    root = make_project(tmp_path, """
  - id: one
    kind: feed
    url: https://example.org/feed/
    questions: [open-weights-after, open-weight-after]
    facts: [later-llama-release]
  - id: two
    kind: atom
    url: ftp://example.org/x
    colour: blue
  - id: three
    kind: feed
    url: https://example.org/three
    also:
      - match: "(unclosed"
  - id: one
    kind: feed
    url: https://example.org/again
""")
    status, out, err = run(root, capsys)
    assert status == 4 and out == ""
    expected = [
        (_line_of(root, "open-weight-after]"), ("unknown question 'open-weight-after' (source one): not in "
                                               "facts/questions.yaml (fix: did you mean 'open-weights-after'?)")),
        (_line_of(root, "later-llama-release]"), "unknown fact 'later-llama-release'"),
        (_line_of(root, "kind: atom"), "unknown kind 'atom'"),
        (_line_of(root, "ftp://"), "'ftp://example.org/x' is not an http(s) URL"),
        (_line_of(root, "colour"), "unknown key 'colour' in a source"),
        (_line_of(root, "(unclosed"), "is not a regular expression"),
        (_line_of(root, "url: https://example.org/again") - 2, "source id 'one' is used twice"),
    ]
    for line, message in expected:
        assert re.search(rf"^facts/watch\.yaml:{line}:1: [a-z-]+: .*{re.escape(message)}", err, re.MULTILINE), (line, message, err)
    assert "nothing was fetched" in err


def test_question_ids_are_not_checked_without_questions_yaml(tmp_path, server, capsys, contact):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server).replace("open-weights-after", "not-yet-a-question"),
                        questions=None)
    status, _out, err = run(root, capsys)
    assert status == 1
    assert "facts/questions.yaml does not exist (or cannot be read): question ids are not checked" in err


def test_a_damaged_state_file_is_an_error_at_its_line(tmp_path, server, capsys, contact):
    serve_all(server)
    root = make_project(tmp_path, sources_yaml(server))
    (root / "facts/watch-state.json").write_text('{\n "version": 1,\n "seen": {"hf": [}\n}\n', encoding="utf-8")
    status, _, err = run(root, capsys)
    assert status == 4
    assert re.search(r"^facts/watch-state\.json:3:\d+: watch-state: the state file is not valid JSON", err, re.MULTILINE)
    assert server.log == []
    (root / "facts/watch-state.json").write_text('{"seen": ["hf"]}', encoding="utf-8")
    status, _, err = run(root, capsys)
    assert status == 4 and "is not a version 1 state" in err


def test_a_bad_config_file_is_an_error_not_a_traceback(tmp_path, capsys, contact):
    root = make_project(tmp_path, "")
    (root / "facts/watch.yaml").write_text("sources:\n  - id: a\n    url: 'unclosed\n", encoding="utf-8")
    status, _, err = run(root, capsys)
    assert status == 4 and re.search(r"^facts/watch\.yaml:\d+:\d+: watch-config: .*not valid YAML", err, re.MULTILINE)
    (root / "facts/watch.yaml").unlink()
    status, _, err = run(root, capsys)
    assert status == 4 and "facts/watch.yaml:1:1: watch-config: cannot read the watch configuration" in err


# ---------------------------------------------------------------- the project's own files

def test_the_committed_config_is_valid_and_its_ids_exist():
    config, problems = watch.load_config(ROOT / "facts/watch.yaml", "facts/watch.yaml",
                                         env={watch.CONTACT_ENV: CONTACT})
    assert problems == []
    questions = watch.known_ids(ROOT / "facts/questions.yaml", "questions")
    facts = watch.known_ids(ROOT / "facts/registry.yaml", "facts")
    assert facts, "facts/registry.yaml has no fact ids"
    assert watch.check_ids(config, questions, facts, "facts/questions.yaml", "facts/registry.yaml") == []
    kinds = {s.kind for s in config.sources}
    assert kinds == {"feed", "hf-models", "sec-submissions"}
    assert all(s.url.startswith("https://") for s in config.sources)
    # no contact is committed: it comes from the CI's variable
    assert watch.load_config(ROOT / "facts/watch.yaml", env={})[1][0].rule == "watch-contact"


def test_the_committed_config_lists_a_glimmer_like_release_against_the_new_chapter():
    """The committed mapping, fed the fixture answers: a Muse release on Meta's accounts touches
    the open-weights questions and the Muse Glimmer facts, a results filing the spending ones."""
    config, _ = watch.load_config(ROOT / "facts/watch.yaml", env={watch.CONTACT_ENV: CONTACT})
    by_id = {s.id: s for s in config.sources}
    glimmer = next(i for i in watch.parse(by_id["hf-meta-models"], HF_MODELS) if "Glimmer" in i.title)
    assert {"open-frontier-weights", "open-weights-after", "open-weights-release"} <= set(glimmer.questions)
    assert {"muse-glimmer-release-date", "muse-glimmer-licence", "later-llama-releases"} <= set(glimmer.facts)
    assert not any("capex" in q for q in glimmer.questions)
    release = next(i for i in watch.parse(by_id["github-llama-models-releases"], RELEASES_ATOM)
                   if i.title == "Muse Glimmer")
    assert "open-weights-after" in release.questions
    filings = watch.parse(by_id["sec-meta-filings"], SEC_SUBMISSIONS)
    assert [f.title for f in filings] == ["8-K: 8-K", "8-K: 8-K"]          # the Form 4 is left out
    assert all(f.questions == ("capex-latest-outlook", "meta-capex-ai-share") for f in filings)
    assert all(f.facts == ("meta-capex-2026-q2-revision",) for f in filings)


def test_the_committed_state_is_readable():
    state, problems = watch.load_state(ROOT / "facts/watch-state.json", "facts/watch-state.json")
    assert problems == [] and state["version"] == 1


def test_the_weekly_workflow_runs_the_watch_with_the_contact():
    text = (ROOT / ".github/workflows/story-watch.yml").read_text(encoding="utf-8")
    assert "python -m hooks watch" in text
    assert "STORY_WATCH_CONTACT: ${{ vars.STORY_WATCH_CONTACT }}" in text
    assert "schedule:" in text and "cron:" in text
