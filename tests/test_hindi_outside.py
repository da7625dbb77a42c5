"""Issue 29: the controlled list (hooks/data/spelling.yaml) holds for the Hindi outside the
pages: registry labels and notes, hook strings, scripts, theme strings and diagrams, each
finding at its file, line and column."""
from pathlib import Path

import pytest

from hooks.checks import hindi_outside

from hooks.checks.hindi import base, wordlists

ROOT = Path(__file__).resolve().parent.parent

FILES = {
    "facts/registry.yaml": (
        "facts:\n"
        "  - id: a\n"
        "    label: {en: Layers, hi: हर MoE लेयर में}\n"       # 3: inline hi
        "    note:\n"
        "      en: >-\n"
        '        Moneycontrol wrote "58.9 हजार करोड़ डॉलर".\n'   # 6: an English note quoting Hindi
        "      hi: >-\n"
        "        यह आंकड़ा ठीक है,\n"                            # 8: folded Hindi, line 2 of it
        "        और किस्तों में आया।\n"                           # 9
        "    speaker: {en: X, hi: रिपोर्ट की गई}\n"              # 10
    ),
    "hooks/strip.py": (
        '"""Docs: लेयर in a docstring is a string too."""\n'    # 1
        "# a comment about लेयर is not shown to anyone\n"        # 2
        'LABEL = {"en": "Key moments", "hi": "मुख्य पड़ाव"}\n'  # 3
        'OK = "लेयर"  # hi-lint-ok\n'                            # 4
    ),
    "docs/assets/js/w.js": (
        "// फुटर in a comment\n"                                 # 1
        "var t = {hi: 'कृपया यह खाली न छोड़ें।', en: 'Fill in'};\n"  # 2
    ),
    "overrides/partials/languages/hi.html": (
        '{% macro t(key) %}{{ {\n'
        '  "footer": "फुटर",\n'                                  # 2: a template string
        '  "next": "आगामी",\n'                                   # 3
        '}[key] }}{% endmacro %}\n'
        '<a title="RSS फीड">x</a>\n'                             # 5: an attribute
    ),
    "docs/assets/img/d.hi.svg": '<svg>\n<desc>एक MoE लेयर</desc>\n<text>ओपन-वेट</text>\n</svg>\n',
}


@pytest.fixture
def root(tmp_path):
    for rel, text in FILES.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def _where(found):
    return sorted((f.path, f.line, f.col, f.rule, f.hint.split()[-1]) for f in found)


def test_each_variant_at_its_file_line_and_column(root):
    got = _where(hindi_outside.check(root))
    assert got == sorted([
        ("facts/registry.yaml", 3, 36, "hi-spelling", "(layer)"),
        ("facts/registry.yaml", 8, 12, "hi-spelling", "आँकड़ा"),
        ("facts/registry.yaml", 9, 12, "hi-spelling", "क़िस्तों"),
        ("facts/registry.yaml", 10, 26, "hi-phrase", "में"),
        ("hooks/strip.py", 1, 10, "hi-spelling", "(layer)"),
        ("hooks/strip.py", 3, 38, "hi-phrase", "पड़ाव"),
        ("docs/assets/js/w.js", 2, 24, "hi-spelling", "ख़ाली"),
        ("overrides/partials/languages/hi.html", 2, 14, "hi-spelling", "फ़ुटर"),
        ("overrides/partials/languages/hi.html", 3, 12, "hi-spelling", "forthcoming"),
        ("overrides/partials/languages/hi.html", 5, 15, "hi-spelling", "फ़ीड"),
        ("docs/assets/img/d.hi.svg", 2, 14, "hi-spelling", "(layer)"),
    ]), got


def test_english_fields_comments_and_marked_lines_are_left_alone(root):
    found = hindi_outside.check(root)
    assert not [f for f in found if (f.path, f.line) in {("facts/registry.yaml", 6), ("hooks/strip.py", 2),
                                                          ("hooks/strip.py", 4), ("docs/assets/js/w.js", 1)}]


def test_a_clean_file_has_no_finding(root):
    (root / "hooks" / "strip.py").write_text('LABEL = {"hi": "अहम पड़ाव"}\n', encoding="utf-8")
    assert not [f for f in hindi_outside.check(root) if f.path == "hooks/strip.py"]


def test_phrases_are_matched_across_a_line_break_and_not_inside_a_longer_word():
    page = type("P", (), {"path": "x.hi.md"})()
    text = "यह रिपोर्ट की\nगई थी। यहरिपोर्ट की गई"
    found = wordlists.check_phrases(page, text, base.Where(text), set())
    assert [(f.line, f.col, f.rule) for f in found] == [(1, 4, "hi-phrase")]


def test_the_project_holds_to_its_list():
    assert hindi_outside.check(ROOT) == []


def test_the_review_pairs_and_status_words_are_listed():
    words, _ = wordlists.load_spelling()
    listed = {(w.variant, w.use) for w in words}
    for pair in [("आंकड़", "आँकड़"), ("किस्त", "क़िस्त"), ("उल्ट", "उलट"), ("लेयर", "परत"),
                 ("सपोर्ट", "समर्थन"), ("यूज़र्स", "यूज़र"), ("सीओओ", "मुख्य परिचालन अधिकारी"),
                 ("आगामी", "अगला"), ("फुटर", "फ़ुटर"), ("सूचि", "सूची")]:
        assert pair in listed, pair
    phrases = {(v, u) for _, v, u, _ in wordlists.load_phrases()}
    for pair in [("मुख्य पड़ाव", "अहम पड़ाव"), ("रिपोर्ट की गई", "ख़बरों में"),
                 ("कब तक की स्थिति", "आँकड़े की तारीख़"), ("इसकी जगह अब", "अब पुराना"),
                 ("अपने समय का आँकड़ा", "अब पुराना")]:
        assert pair in phrases, pair
