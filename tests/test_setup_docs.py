"""What README.md and CONTRIBUTING(.hi).md tell a newcomer is true: the preview URLs (the ones
`mkdocs serve` answers), the same set-up in every file, the system packages and the quick test run
named, .ci/run asking before apt-get, and CONTRIBUTING's fact example produced by the command."""
from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from mkdocs.config import load_config

from fixture_sites import ROOT, SITES, assemble
from hooks import cli
from hooks.mkdocs_hooks import serve_url

DOCS = ("README.md", "CONTRIBUTING.md", "CONTRIBUTING.hi.md")


def text(doc: str) -> str:
    return (ROOT / doc).read_text(encoding="utf-8")


def real_serve_url() -> str:
    return serve_url(load_config(config_file=str(ROOT / "mkdocs.yml"), hooks=[]))


def test_the_serve_url_follows_site_url():
    config = load_config(config_file=str(SITES / "_base" / "mkdocs.yml"), hooks=[])
    assert serve_url(config) == "http://127.0.0.1:8000/fixture/"
    assert real_serve_url() == "http://127.0.0.1:8000/llama4-explainer/"


@pytest.mark.parametrize("doc", DOCS)
def test_every_preview_url_in_the_docs_is_under_the_serve_url(doc):
    url = real_serve_url()
    found = re.findall(r"http://127\.0\.0\.1:8000[^\s)`,;]*", text(doc))
    assert found, doc
    wrong = [u for u in found if not u.startswith(url)]
    assert not wrong, f"{doc}: {wrong} (mkdocs serve answers at {url})"
    assert f"{url}hi/" in text(doc), doc
    assert not re.search(r"serve\b.*?at `/hi/`|Hindi under /hi/$|हिंदी /hi/ पर$", text(doc), re.M), doc


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_answers_at_the_documented_urls(tmp_path):
    config = assemble(None, tmp_path / "src")
    port = _free_port()
    url = serve_url(load_config(config_file=str(config), hooks=[])).replace(":8000/", f":{port}/")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a",
                               f"127.0.0.1:{port}", "-f", str(config)], cwd=config.parent, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        pages = {}
        while time.monotonic() < deadline and len(pages) < 2:
            for page in (url, url + "hi/"):
                try:
                    with urllib.request.urlopen(page, timeout=5) as answer:
                        pages[page] = answer.read().decode("utf-8")
                except OSError:
                    time.sleep(0.5)
            assert server.poll() is None, server.stdout.read()
        assert '<html lang="en"' in pages[url]
        assert '<html lang="hi"' in pages[url + "hi/"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_hindi_preview_refusal_gives_the_serve_url(tmp_path):
    env = dict(os.environ, BUILD_ONLY_LOCALE="hi", NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path)], cwd=ROOT,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert (f"Preview hi with the full `mkdocs serve` at {real_serve_url()}hi/, or use "
            "BUILD_ONLY_LOCALE=en") in result.stderr


def _code_blocks(doc: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```", text(doc), re.M | re.S)


@pytest.mark.parametrize("doc", ("CONTRIBUTING.md", "CONTRIBUTING.hi.md"))
def test_contributing_sets_up_as_the_readme_does(doc):
    readme = text("README.md")
    setup = _code_blocks(doc, "bash")[0]
    for command in ("pip install -r requirements.txt", "pip install --no-deps -e ."):
        assert command in readme and command in setup, (doc, command)
    assert setup.index("requirements.txt") < setup.index("-e .") < setup.index("mkdocs serve")


@pytest.mark.parametrize("doc", DOCS)
def test_the_docs_name_the_system_packages_and_the_quick_run(doc):
    body = text(doc)
    assert "sudo apt-get install chromium tesseract-ocr-hin poppler-utils" in body
    assert 'pytest -m "not browser"' in body
    assert "root" in body


# ---------------------------------------------------------------- .ci/run and apt-get

@pytest.fixture
def fake_bin(tmp_path):
    """A PATH with none of chromium, tesseract, pdftotext; a fake apt-get and id."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("dirname", "env"):
        (folder / tool).symlink_to(shutil.which(tool))
    (folder / "apt-get").write_text('#!/bin/bash\necho "$*" >> "$CALLS"\n', encoding="utf-8")
    (folder / "id").write_text('#!/bin/bash\n[[ "$1" == -u ]] && echo "$FAKE_UID" || echo someone\n',
                               encoding="utf-8")
    for tool in ("apt-get", "id"):
        (folder / tool).chmod(0o755)
    return folder


def ci_run(fake_bin, uid: str, sudo: str | None = None):
    if sudo is not None:
        script = fake_bin / "sudo"
        script.write_text(f'#!/bin/bash\n{sudo}\n[[ "$1" == -n ]] && shift\n[[ "$1" == true ]] && exit 0\n"$@"\n',
                          encoding="utf-8")
        script.chmod(0o755)
    calls = fake_bin.parent / "calls"
    result = subprocess.run(["/bin/bash", str(ROOT / ".ci" / "run"), "--system-only"], capture_output=True,
                            text=True, env={"PATH": str(fake_bin), "CALLS": str(calls), "FAKE_UID": uid})
    return result, calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


def test_ci_run_installs_the_packages_as_root(fake_bin):
    result, calls = ci_run(fake_bin, "0")
    assert result.returncode == 0, result.stderr
    assert calls == ["update -qq", "install -y -qq chromium tesseract-ocr-hin poppler-utils"]
    assert "installing chromium tesseract-ocr-hin poppler-utils with apt-get (as root)" in result.stderr


def test_ci_run_uses_sudo_that_needs_no_password(fake_bin):
    result, calls = ci_run(fake_bin, "1000", sudo="")
    assert result.returncode == 0, result.stderr
    assert calls == ["update -qq", "install -y -qq chromium tesseract-ocr-hin poppler-utils"]
    assert "(as sudo)" in result.stderr


def test_ci_run_without_root_says_what_it_skips(fake_bin):
    for sudo in (None, "exit 1"):      # no sudo at all, or one that asks for a password
        result, calls = ci_run(fake_bin, "1000", sudo=sudo)
        assert result.returncode == 0, result.stderr
        assert calls == []
        assert ("skipped installing chromium tesseract-ocr-hin poppler-utils: it runs as someone, "
                "not root, and sudo is missing or asks for a password.") in result.stderr
        assert "sudo apt-get install chromium tesseract-ocr-hin poppler-utils" in result.stderr
        (fake_bin / "sudo").unlink(missing_ok=True)


# ---------------------------------------------------------------- CONTRIBUTING's fact example

@pytest.mark.parametrize("doc", ("CONTRIBUTING.md", "CONTRIBUTING.hi.md"))
def test_contributing_fact_example_is_what_the_command_prints(doc, tmp_path, capsys):
    command = next(b for b in _code_blocks(doc, "bash") if "python -m hooks fact add" in b)
    shown = next(b for b in _code_blocks(doc, "text") if "added fact" in b)
    argv = shlex.split(command.replace("\\\n", " "))
    assert argv[:3] == ["python", "-m", "hooks"]
    root = tmp_path / "project"
    (root / "facts").mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root)
    shutil.copy(ROOT / "facts" / "registry.yaml", root / "facts")
    code = cli.main(argv[3:] + ["--root", str(root)])
    out, err = capsys.readouterr()
    assert code == 0, err
    # the registry line of the new entry moves as facts are added: compared apart
    line = re.compile(r"^facts/registry\.yaml:\d+: ")
    assert line.sub("facts/registry.yaml:N: ", out) == line.sub("facts/registry.yaml:N: ", shown)
    entry = shown.split("\n", 1)[1].split("cite it on both pages")[0]
    assert entry.startswith("  - id: ") and entry in (root / "facts" / "registry.yaml").read_text(encoding="utf-8")
