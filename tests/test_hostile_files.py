"""Files and caches that cannot be abused (issue 25; ../shared/reviews/2026-12-07/hostile.md P03,
P05, K2, K3): a link under docs/ to somewhere outside it is a finding; a page whose name is not a
safe URL gets a card whose file name and address agree; a cache entry is used only when its
shape, format and key are right, so no forged or damaged file turns a failing check or build
green; a cache folder that cannot be used is a message, not a traceback.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixture_sites import ROOT, SITES, assemble, run_build
from hooks.core import buildcache
from hooks.render import cards, fontsubset
from hooks.checks import run as checks
from hooks.core.findings import Finding
from hooks.core.mdscan import links_outside


def _cli(root: Path, *argv) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run([sys.executable, "-m", "hooks", *argv], cwd=root, capture_output=True,
                          text=True, env=env, timeout=300)


# --- symbolic links out of docs/ --------------------------------------------------------------

def test_links_out_of_docs_are_findings_links_inside_are_not(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(SITES / "_base", root)
    docs = root / "docs"
    (docs / "assets").mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", docs / "assets" / "host.txt")          # a file, absolute
    os.symlink("../mkdocs.yml", docs / "leak.md")                               # a page, relative
    os.symlink("../facts", docs / "facts-folder")                               # a folder
    os.symlink("index.md", docs / "same.md")                                    # inside: fine
    os.symlink("assets", docs / "assets-again")                                 # inside: fine
    assert sorted(link for link, _ in links_outside(docs, root)) == [
        "docs/assets/host.txt", "docs/facts-folder", "docs/leak.md"]
    _, found = checks.load_project(root)
    assert sorted(f.path for f in found if f.rule == "page-symlink") == [
        "docs/assets/host.txt", "docs/facts-folder", "docs/leak.md"]


def test_a_link_out_of_docs_fails_the_build(tmp_path):
    config = assemble(None, tmp_path / "src")
    os.symlink("../mkdocs.yml", tmp_path / "src" / "docs" / "config.txt")
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/config.txt:1:1: page-symlink" in result.stdout + result.stderr


# --- card names -------------------------------------------------------------------------------

@pytest.mark.parametrize("url, card", [
    ("", "assets/cards/index.png"), ("hi/", "assets/cards/hi/index.png"),
    ("moe/", "assets/cards/moe.png"), ("hi/llama4/after/", "assets/cards/hi/llama4/after.png"),
])
def test_plain_page_urls_keep_their_card_names(url, card):
    assert cards.card_url(url) == card


@pytest.mark.parametrize("url", ["%C3%9Cber%20Seite/", "hi/%C3%9Cber%20Seite/", "%E0%A4%B9%E0%A5%8B/",
                                 "a%22b%3Cc/", "%2E%2E/", "a%20b.html"])
def test_a_page_url_that_is_not_a_safe_name_gets_a_safe_card(url):
    card = cards.card_url(url)
    assert cards.SAFE_CARD_RE.fullmatch(card.removeprefix("assets/cards/").removesuffix(".png")), card
    assert ".." not in card.split("/")
    assert card != cards.card_url("x" + url)                      # the hash keeps names apart
    assert card.startswith("assets/cards/hi/") == url.startswith("hi/")


def test_an_umlaut_page_gets_a_card_whose_address_is_its_file(tmp_path):
    edits = {"docs/Über Seite.md": "# Über Seite\n\nText.\n", "docs/Über Seite.hi.md": "# पन्ना\n\nपाठ।\n"}
    config = assemble(None, tmp_path / "src", edits)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'overrides'}\n"), encoding="utf-8")
    result = run_build(config, tmp_path / "site", strict=False)
    html = (tmp_path / "site" / "Über Seite" / "index.html").read_text(encoding="utf-8")
    image = html.split('property="og:image" content="', 1)[1].split('"', 1)[0]
    rel = image.removeprefix("https://example.org/fixture/")
    assert rel.startswith("assets/cards/Uber-Seite-"), image
    assert (tmp_path / "site" / rel).is_file(), result.stdout[-2000:]


# --- the source checks' cache -----------------------------------------------------------------

def _broken_project(tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(SITES / "_base", root)
    for name in ("index.md", "index.hi.md"):
        page = root / "docs" / name
        page.write_text(page.read_text(encoding="utf-8") + "\nSee [](fact:no-such-fact).\n", encoding="utf-8")
    return root


def _errors(found) -> list[str]:
    return sorted(f.format() for f in found if f.severity == "error")


def _fresh(root):
    buildcache.clear()
    project, _ = checks.load_project(root)
    return checks.checked_sources(project)


def _forgeries(entry: dict) -> dict:
    """Every damaged or forged version of a cache entry the checks must not trust."""
    one = entry["value"][0]
    with_entry = lambda **kw: json.dumps({**entry, **kw})      # noqa: E731
    return {
        "{}": "{}", "[]": "[]", "string": '"x"', "null": "null", "cut": json.dumps(entry)[:40],
        "empty file": "", "the bare list": "[]",
        "old format": with_entry(format=buildcache.FORMAT - 1, value=[]),
        "another kind": with_entry(kind="cmap", value=[]),
        "another key": with_entry(key="0" * 32, value=[]),
        "an extra field": json.dumps({**entry, "value": [], "trusted": True}),
        "value a mapping": with_entry(value={}),
        "value a string": with_entry(value="[]"),
        "finding missing a field": with_entry(value=[{k: v for k, v in one.items() if k != "rule"}]),
        "finding with an extra field": with_entry(value=[{**one, "x": 1}]),
        "line as text": with_entry(value=[{**one, "line": "3"}]),
        "severity unknown": with_entry(value=[{**one, "severity": "ignore"}]),
        "a list of lists": with_entry(value=[[1, 2]]),
    }


def test_every_forged_cache_file_is_worked_out_again(tmp_path):
    root = _broken_project(tmp_path)
    before = _errors(_fresh(root))
    assert any("fact-unknown" in line for line in before), before
    (path,) = (root / ".cache" / "checks").glob("source-checks-*.json")
    entry = json.loads(path.read_text(encoding="utf-8"))
    assert set(entry) == {"format", "kind", "key", "value"} and entry["value"]
    for name, text in _forgeries(entry).items():
        path.write_text(text, encoding="utf-8")
        assert _errors(_fresh(root)) == before, name
    path.write_text(json.dumps(entry), encoding="utf-8")      # the file as written is read back
    assert _errors(_fresh(root)) == before


def test_the_findings_decoder_refuses_wrong_shapes():
    good = {"path": "docs/a.md", "line": 1, "col": 2, "rule": "fact-unknown", "message": "m",
            "hint": "h", "severity": "error"}
    assert checks.findings_from_json([good]) == [Finding(**good)]
    for bad in ({}, "x", None, [None], [{**good, "col": 2.0}], [{**good, "severity": "info"}],
                [{**good, "hint": None}], [{k: v for k, v in good.items() if k != "hint"}]):
        with pytest.raises(ValueError):
            checks.findings_from_json(bad)


def test_a_forged_cache_leaves_check_and_build_failing(tmp_path):
    root = _broken_project(tmp_path)
    first = _cli(root, "check")
    assert first.returncode == 1 and "fact-unknown" in first.stdout, first.stdout + first.stderr
    for path in (root / ".cache" / "checks").glob("source-checks-*.json"):
        path.write_text("{}", encoding="utf-8")
    again = _cli(root, "check")
    assert again.returncode == 1 and "fact-unknown" in again.stdout, again.stdout + again.stderr
    for path in (root / ".cache" / "checks").glob("source-checks-*.json"):
        path.write_text("[]", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../hooks/mkdocs_hooks.py", str(ROOT / "hooks" / "mkdocs_hooks.py")), encoding="utf-8")
    build = run_build(config, tmp_path / "site")
    assert build.returncode != 0
    assert "fact-unknown" in build.stdout + build.stderr


def test_a_forged_cmap_is_worked_out_again(tmp_path, monkeypatch):
    monkeypatch.setattr(fontsubset, "CACHE", tmp_path)
    font = next((ROOT / "docs" / "assets" / "fonts").glob("*.woff2")).read_bytes()
    right = fontsubset._cmap(font)
    (path,) = tmp_path.glob("cmap-*.json")
    entry = json.loads(path.read_text(encoding="utf-8"))
    for value in ("abc", {"a": 1}, [1.5], [-1], ["65"], [0x110000]):
        path.write_text(json.dumps({**entry, "value": value}), encoding="utf-8")
        buildcache.clear()
        assert fontsubset._cmap(font) == right, value


def test_cut_or_forged_card_and_font_files_are_made_again(tmp_path, monkeypatch):
    monkeypatch.setattr(cards, "CACHE", tmp_path / "cards")
    # fonts an earlier test loaded in this process would be used without touching this cache
    monkeypatch.setattr(cards, "_FONTS", {})
    site = tmp_path / "site"
    job = {"assets/cards/a.png": ("A title", "Site", "en")}
    assert cards.write(site, job) == {"drawn": 1, "cached": 0}
    png = (site / "assets/cards/a.png").read_bytes()
    assert cards.write(site, job) == {"drawn": 0, "cached": 1}
    (cached,) = (tmp_path / "cards").glob("*.png")
    ttfs = list((tmp_path / "cards" / "fonts").glob("*.ttf"))
    assert ttfs
    for damage in (b"", b"<svg onload=alert(1)>", png[:7]):
        cached.write_bytes(damage)
        for ttf in ttfs:
            ttf.write_bytes(damage)
        cards._FONTS.clear()
        assert cards.write(site, job) == {"drawn": 1, "cached": 0}, damage
        assert (site / "assets/cards/a.png").read_bytes()[:8] == cards.PNG_MAGIC
        assert all(t.read_bytes()[:4] in cards.TTF_MAGIC for t in ttfs)


# --- a cache folder that cannot be used -------------------------------------------------------

def test_a_cache_folder_that_is_a_file_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(buildcache, "_FOLDERS", {})
    monkeypatch.setattr(buildcache, "PROBLEMS", [])
    (tmp_path / ".cache").write_text("x", encoding="utf-8")
    used = buildcache.folder(tmp_path / ".cache" / "cards")
    assert used.is_dir() and tmp_path not in used.parents
    assert len(buildcache.PROBLEMS) == 1 and ".cache/cards cannot be used" in buildcache.PROBLEMS[0]
    assert buildcache.folder(tmp_path / ".cache" / "cards") == used and len(buildcache.PROBLEMS) == 1
    fine = tmp_path / "fine"
    assert buildcache.folder(fine) == fine and fine.is_dir() and len(buildcache.PROBLEMS) == 1


def test_cards_are_drawn_with_a_cache_that_is_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(buildcache, "_FOLDERS", {})
    monkeypatch.setattr(buildcache, "PROBLEMS", [])
    (tmp_path / ".cache").write_text("x", encoding="utf-8")
    monkeypatch.setattr(cards, "CACHE", tmp_path / ".cache" / "cards")
    cards._FONTS.clear()
    assert cards.write(tmp_path / "site", {"assets/cards/a.png": ("A", "S", "en")})["drawn"] == 1
    assert buildcache.PROBLEMS


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_an_unwritable_cache_folder_is_a_message(tmp_path, monkeypatch):
    monkeypatch.setattr(buildcache, "_FOLDERS", {})
    monkeypatch.setattr(buildcache, "PROBLEMS", [])
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    assert buildcache.folder(locked / "cards") != locked / "cards"
    assert buildcache.PROBLEMS


def test_check_and_build_with_a_cache_file_in_the_way(tmp_path):
    root = _broken_project(tmp_path)
    (root / ".cache").write_text("x", encoding="utf-8")
    result = _cli(root, "check")
    assert result.returncode == 1 and "fact-unknown" in result.stdout
    assert "Traceback" not in result.stderr
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "../../../hooks/mkdocs_hooks.py", str(ROOT / "hooks" / "mkdocs_hooks.py")), encoding="utf-8")
    build = run_build(config, tmp_path / "site")
    assert "Traceback" not in build.stdout + build.stderr
    assert build.returncode != 0 and "fact-unknown" in build.stdout + build.stderr


def test_symlinks_under_docs_are_sorted_into_loops_and_links_outside(tmp_path):
    """core/mdscan.py's one walk over docs/'s links: a folder link into itself is a loop; a link
    out of docs/ is outside; a link inside docs/, and a dangling one (os.walk lists it as a
    file; it publishes nothing), are neither."""
    import os
    from hooks.core.mdscan import links_outside, symlink_loops
    docs = tmp_path / "docs"
    (docs / "sub").mkdir(parents=True)
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (docs / "page.md").write_text("# x\n", encoding="utf-8")
    os.symlink(".", docs / "again")                       # a loop
    os.symlink("nowhere", docs / "gone", target_is_directory=True)   # dangling
    os.symlink("../secret.txt", docs / "leak.txt")        # outside, a file
    os.symlink("sub", docs / "inside")                    # inside docs/: fine
    loops = {shown for shown, _ in symlink_loops(docs, tmp_path)}
    outside = {shown for shown, _ in links_outside(docs, tmp_path)}
    assert loops == {"docs/again"}
    assert outside == {"docs/leak.txt"}
