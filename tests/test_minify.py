"""The site's own scripts and styles are minified in the built site (hooks/render/minify.py), the
sources in docs/assets/ keep their comments, and what the minifier writes still parses."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from hooks.render import minify

ROOT = Path(__file__).resolve().parents[1]
ASSETS = ROOT / "docs" / "assets"


def test_comments_and_spaces_go_code_stays():
    js = "// a note for contributors\nvar total = 1 +  2;   /* more */\nfunction f ( a ) { return a; }\n"
    out = minify.minify_text(js, ".js")
    assert "note" not in out and "more" not in out
    assert "var total=1+2;" in out and "function f(a){return a;}" in out
    css = "/* why */\n.a  ,  .b {  color : red ;  }\n"
    assert minify.minify_text(css, ".css") == ".a,.b{color:red}"
    assert minify.minify_text("<p> x </p>", ".html") == "<p> x </p>"


def test_only_the_sites_own_folders_are_rewritten(tmp_path):
    for folder in ("assets/js", "assets/css", "assets/javascripts"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "assets/js/a.js").write_text("// c\nvar a = 1;\n", encoding="utf-8")
    (tmp_path / "assets/css/a.css").write_text("/* c */ .a { color: red; }\n", encoding="utf-8")
    theme = "// Material's own, left as it is\nvar b = 2;\n"
    (tmp_path / "assets/javascripts/b.js").write_text(theme, encoding="utf-8")
    saved = minify.minify_site(tmp_path)
    assert (tmp_path / "assets/js/a.js").read_text(encoding="utf-8") == "var a=1;"
    assert (tmp_path / "assets/css/a.css").read_text(encoding="utf-8") == ".a{color:red}"
    assert (tmp_path / "assets/javascripts/b.js").read_text(encoding="utf-8") == theme
    assert saved == len("// c\nvar a = 1;\n") - len("var a=1;") + len("/* c */ .a { color: red; }\n") - len(".a{color:red}")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed: the parse check needs it")
@pytest.mark.parametrize("path", sorted((ASSETS / "js").glob("*.js")), ids=lambda p: p.name)
def test_every_minified_script_of_the_site_still_parses(path, tmp_path):
    out = tmp_path / path.name
    out.write_text(minify.minify_text(path.read_text(encoding="utf-8"), ".js"), encoding="utf-8")
    assert len(out.read_text(encoding="utf-8")) < len(path.read_text(encoding="utf-8"))
    result = subprocess.run(["node", "--check", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
