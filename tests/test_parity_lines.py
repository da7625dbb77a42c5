"""A difference between twins is reported at its line in the Hindi page and names the English
line it differs from (hooks/checks/parity.py): a heading, an image, a code block, a link, never `1:1`
with a count."""
from __future__ import annotations

from hooks.core.mdscan import parse
from hooks.checks.parity import check_structure

EN = """# Title

Intro.

## Overview {#overview}

Text.

## Why dense {#why-dense}

![Router](img/router.en.svg)

```python
x = 1
```

See [the router](moe.md#router).
"""

HI = """---
translated_from: "abc"
---
# शीर्षक

परिचय।

## एक नज़र में {#overview}

पाठ।

## डेंस क्यों {#why-dense}

![राउटर](img/router.hi.svg)

```python
x = 1
```

[राउटर](moe.md#router) देखें।
"""


def found(en: str, hi: str) -> list[str]:
    return [f.format() for f in check_structure(parse(en, "p.md", "docs/p.md"),
                                                parse(hi, "p.hi.md", "docs/p.hi.md"))]


def test_twins_of_the_same_shape_pass():
    assert found(EN, HI) == []


def test_a_heading_of_another_level_is_named_at_its_lines():
    hi = HI.replace("## डेंस क्यों", "### डेंस क्यों")
    assert found(EN, hi) == [
        "docs/p.hi.md:12:1: i18n-structure: heading '### डेंस क्यों {#why-dense}' is an h3 here and "
        "an h2 at docs/p.md:9 ('## Why dense {#why-dense}') (fix: make it an h2: ## डेंस क्यों {#why-dense})"]


def test_a_missing_heading_is_named_with_its_english_line():
    hi = HI.replace("## एक नज़र में {#overview}\n\nपाठ।\n\n", "")
    assert found(EN, hi) == [
        "docs/p.hi.md:8:1: i18n-structure: heading '## Overview {#overview}' of docs/p.md:5 is "
        "missing here (fix: add the section with {#overview})"]


def test_sections_out_of_order_name_the_first_that_differs():
    hi = HI.replace("{#overview}", "{#tmp}").replace("{#why-dense}", "{#overview}").replace("{#tmp}", "{#why-dense}")
    out = found(EN, hi)
    assert ("docs/p.hi.md:8:1: i18n-structure: the sections are in a different order than in English: "
            "here '## एक नज़र में {#why-dense}', at docs/p.md:5 '## Overview {#overview}' "
            "(fix: keep the English order)") in out


def test_headings_without_ids_that_differ_are_named_not_counted():
    en = EN.replace(" {#why-dense}", "")
    hi = HI.replace(" {#why-dense}", "").replace("## डेंस क्यों", "### डेंस क्यों")
    out = [l for l in found(en, hi) if "i18n-structure" in l]
    assert out == ["docs/p.hi.md:12:1: i18n-structure: heading 2 differs: '### डेंस क्यों' here, "
                   "'## Why dense' at docs/p.md:9 (2 h2/h3 headings here, 2 there) "
                   "(fix: give both versions the same sections)"]


def test_a_different_image_is_named_at_its_lines():
    hi = HI.replace("img/router.hi.svg", "img/experts.hi.svg")
    assert found(EN, hi) == [
        "docs/p.hi.md:14:1: i18n-structure: images differ from docs/p.md: image 1 is 'experts.svg' "
        "here, 'router.svg' at docs/p.md:11 (fix: use the same images and diagrams (a .hi version of each))"]


def test_a_missing_code_block_is_named_at_its_english_line():
    en = EN.replace("See [the router]", "```bash\nls\n```\n\nSee [the router]")
    assert found(en, HI) == [
        "docs/p.hi.md:16:1: i18n-structure: 1 code block here, 2 in docs/p.md: code block 2 is "
        "no code block here, a ```bash block at docs/p.md:17 (fix: keep the same code blocks)"]


def test_an_extra_code_block_is_named_at_its_line():
    hi = HI.replace("```python", "```bash\nls\n```\n\n```python")
    out = found(EN, hi)
    assert out == ["docs/p.hi.md:16:1: i18n-structure: 2 code blocks here, 1 in docs/p.md: code block 1 "
                   "is a ```bash block here, a ```python block at docs/p.md:13 (fix: keep the same code blocks)"]


def test_a_different_link_is_named_at_its_lines():
    hi = HI.replace("moe.md#router", "moe.md#routing")
    assert found(EN, hi) == [
        "docs/p.hi.md:20:1: i18n-structure: internal links differ from English; only here: "
        "moe.md#routing (line 20); only in English: moe.md#router (docs/p.md:17) "
        "(fix: link the same pages and anchors in both versions)"]


def test_a_code_block_in_a_list_item_is_found_at_its_line():
    en = EN.replace("See [the router]", "1. Run it:\n\n   ```bash\n   ls\n   ```\n\nSee [the router]")
    out = found(en, HI)
    assert out == ["docs/p.hi.md:16:1: i18n-structure: 1 code block here, 2 in docs/p.md: code block 2 is "
                   "no code block here, a ```bash block at docs/p.md:19 (fix: keep the same code blocks)"]

