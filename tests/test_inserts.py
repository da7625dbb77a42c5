"""HTML the hooks hold back from Markdown and put in after it (hooks/core/inserts.py)."""
from __future__ import annotations

import json
import re

import markdown

from fixture_sites import SITES, assemble, run_build
from hooks.core.inserts import Inserts

BASE_HOME = (SITES / "_base" / "docs" / "index.md").read_text(encoding="utf-8")


def test_tokens_survive_markdown_and_are_filled_in_order():
    ins = Inserts()
    text = (f"A figure{ins.inline('<a class=m>1</a>', 'x 1')} and a cell.\n\n"
            f"| a | b |\n|---|---|\n| 3{ins.inline('<a class=m>2</a>', 'y 1')} | c |\n"
            f"{ins.block('<ol><li>list</li></ol>', 'list')}")
    html = markdown.markdown(text, extensions=["tables", "md_in_html", "attr_list"])
    filled, missing = ins.fill(html)
    assert missing == []
    assert "<!--insert" not in filled
    assert filled.index("<a class=m>1</a>") < filled.index("<a class=m>2</a>") < filled.index("<ol>")
    assert "<p><ol>" not in filled      # a block stays a block


def test_a_comment_an_author_wrote_is_not_a_token():
    ins = Inserts()
    ins.inline("<b>held</b>", "x 1")
    forged = "<!--insert 000000000000 0--><!--insert %s 7-->" % ins.nonce
    filled, missing = ins.fill(forged)
    assert filled == forged             # another nonce, or a number it never gave: left alone
    assert missing == ["x 1"]


def test_a_token_markdown_drops_is_reported():
    ins = Inserts()
    html = markdown.markdown(f"![chart{ins.inline('<a>m</a>', 'launch-date 1')}](c.png)")
    filled, missing = ins.fill(html)
    assert missing == ["launch-date 1"]
    assert "<a>m</a>" not in filled


def test_built_page_has_marks_and_list_but_search_does_not_index_the_list(tmp_path):
    config = assemble(None, tmp_path / "s")
    result = run_build(config, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<!--insert" not in page
    assert len(re.findall(r'<a class="fact-cite" id="[^"]+" href="#src-\d+"', page)) == 3
    assert '<ol class="page-sources">' in page
    index = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    home = " ".join(d["text"] for d in index["docs"] if d["location"].split("#")[0] in ("", "hi/"))
    assert "back to the text" not in home and "पाठ पर लौटें" not in home   # the list's words
    assert "72" in home                                                      # the figures stay


def test_a_mark_markdown_drops_fails_the_build_at_its_reference(tmp_path):
    home = BASE_HOME.replace("## Details", "![Chart of [](fact:launch-date)](chart.png)\n\n## Details")
    config = assemble(None, tmp_path / "s", {"docs/index.md": home})
    result = run_build(config, tmp_path / "site")
    assert result.returncode != 0
    lost = [line for line in result.stderr.splitlines() if "fact-mark-lost" in line]
    assert len(lost) == 1 and "docs/index.md:6:12:" in lost[0], result.stderr
