"""Hindi lint (hooks/checks/hindi_lint.py): one small text per rule that breaks it, and clean text.

Columns count characters (code points), so a Devanagari vowel sign is a column of its own:
"यह " is 3 columns, "है" is 2.
"""
import unicodedata
from pathlib import Path

import pytest

from hooks.checks import hindi_lint

from hooks.checks.hindi import base, coverage, wordlists
from hooks.core.mdscan import parse

ROOT = Path(__file__).resolve().parent.parent


def page(text, name="p"):
    return parse(text, f"{name}.hi.md", f"docs/{name}.hi.md")


def lint(*texts):
    """Findings for one or more pages (p.hi.md, q.hi.md, ...)."""
    return hindi_lint.check_pages([page(t, name) for t, name in zip(texts, "pqrs")])


GLOSSARY_PAGE = "# शब्दावली\n\n| अंग्रेज़ी | हिंदी | मतलब |\n|---|---|---|\n| token | टोकन | शब्द का टुकड़ा। |\n"


def where(findings, rule):
    return [(f.path, f.line, f.col) for f in findings if f.rule == rule]


CLEAN = """---
translated_from: 0123456789ab
---

# मिक्सचर ऑफ़ एक्सपर्ट्स

मिक्सचर ऑफ़ एक्सपर्ट्स (MoE) मॉडल में हर टोकन (token) के लिए कुछ ही एक्सपर्ट चलते हैं।
यह फ़ैसला राउटर (router) करता है। Meta ने [](fact:llama4-release-date) को मॉडल जारी किया।
2025 में कंपनी ने [65 अरब डॉलर](fact:meta-capex-2025-plan){.as-of} ख़र्च करने की बात कही।
डॉ. सिंह ने कहा: "ज़रूरी नहीं कि बड़ा मॉडल बेहतर हो"। क्या यह सच है? हाँ!

## राउटर क्या करता है {#router}

राउटर हर टोकन का स्कोर देखता है। [शब्दावली](glossary.md#router) में और जानकारी है।
ज़्यादा जानकारी [Meta के ब्लॉग](https://ai.meta.com/blog/llama-4.) पर है।

| अंग्रेज़ी | हिंदी |
|---|---|
| GPU | जीपीयू |
| data centre | डेटा सेंटर |

अंग्रेज़ी | हिंदी
--- | ---
token | टोकन

```python
x = "डाटा | १२ ।।"   # code is not Hindi prose
```

कोड में `"है ।"` लिखा हो तो वह गद्य नहीं है।
"""


def test_clean_text_yields_nothing():
    assert lint(CLEAN) == []


def test_clean_text_of_the_new_page_template_yields_nothing():
    from hooks.cli import HI_TEMPLATE
    assert lint(HI_TEMPLATE.format(title="नया पन्ना")) == []


# ---------------------------------------------------------------- errors


def test_nfc():
    text = "# शीर्षक\n\nयह \u095brूरी है।\n".replace("r", "\u0930")   # ज़ as one code point
    found = lint(text)
    assert where(found, "hi-nfc") == [("docs/p.hi.md", 3, 4)]
    f = next(f for f in found if f.rule == "hi-nfc")
    assert "U+095B" in f.message and f.severity == "error" and f.hint
    assert lint(unicodedata.normalize("NFC", text)) == []


@pytest.mark.parametrize("char", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad"])
def test_invisible(char):
    found = lint(f"# शीर्षक\n\nयह{char} बात है।\n")
    assert where(found, "hi-invisible") == [("docs/p.hi.md", 3, 3)]
    assert f"U+{ord(char):04X}" in found[0].message


def test_bom_at_start_is_invisible_character():
    assert where(lint("\ufeff# शीर्षक\n"), "hi-invisible") == [("docs/p.hi.md", 1, 1)]


def test_devanagari_digits():
    found = lint("# शीर्षक\n\nसाल २०२५ में `१२` हुआ।\n")
    assert where(found, "hi-digits") == [("docs/p.hi.md", 3, 5)]     # not the one in code
    assert "2025" in found[0].hint


def test_pipe_as_danda():
    found = lint("# शीर्षक\n\nयह सही है | अगला वाक्य भी है|\n")
    assert where(found, "hi-pipe-danda") == [("docs/p.hi.md", 3, 11), ("docs/p.hi.md", 3, 29)]


def test_pipes_in_tables_are_not_dandas():
    text = ("# शीर्षक\n\n| शब्द | अर्थ |\n|---|---|\n| टोकन | शब्द का हिस्सा |\n\n"
            "शब्द | अर्थ\n--- | ---\nटोकन | हिस्सा\n")
    assert where(lint(text), "hi-pipe-danda") == []


def test_double_danda():
    assert where(lint("# शीर्षक\n\nयह सही है।।\n"), "hi-double-danda") == [("docs/p.hi.md", 3, 10)]


def test_space_before_danda():
    found = lint("# शीर्षक\n\nयह सही है ।\nएक और बात\n।\n")
    assert where(found, "hi-space-danda") == [("docs/p.hi.md", 3, 10), ("docs/p.hi.md", 5, 1)]


def test_danda_right_after_code_link_or_fact_is_fine():
    text = "# शीर्षक\n\nयह `x` है। देखें [](fact:some-fact)। और [यह](a.md)। और <https://example.org>।\n"
    assert where(lint(text), "hi-space-danda") == []


def test_full_stop_ends_a_hindi_sentence():
    found = lint("# शीर्षक\n\nयह सही है. अगला वाक्य।\nआख़िरी वाक्य.\n")
    assert where(found, "hi-terminator") == [("docs/p.hi.md", 3, 10), ("docs/p.hi.md", 4, 13)]
    assert "।" in found[0].hint


def test_abbreviation_with_full_stops():
    found = lint("# शीर्षक\n\nए.आई. का दौर है।\n")
    assert where(found, "hi-terminator") == [("docs/p.hi.md", 3, 5)]
    assert "ए.आई." in found[0].message and "एआई" in found[0].hint


def test_full_stops_that_are_not_terminators():
    text = "# शीर्षक\n\nडॉ. सिंह ने कहा कि बात यहीं ख़त्म नहीं होती...\nसंस्करण 3.1 आया। ai.meta.com देखें।\n"
    assert where(lint(text), "hi-terminator") == []


# ---------------------------------------------------------------- warnings


@pytest.mark.parametrize("text,col,recommended", [
    ("कुल 65 बिलियन डॉलर।", 8, "अरब"),
    ("दो खरब पैरामीटर।", 4, "ट्रिलियन"),
    ("यह डाटा नया है।", 4, "डेटा"),
    ("नया डाटासेट आया।", 5, "डेटा"),
    ("मॉडल के मापदंड बदले।", 9, "पैरामीटर"),
    ("कुल 65 अ॰ डॉलर।", 8, "अरब"),
])
def test_discouraged_words(text, col, recommended):
    found = lint(f"# शीर्षक\n\n{text}\n")
    assert where(found, "hi-discouraged") == [("docs/p.hi.md", 3, col)]
    assert found[0].severity == "warning" and recommended in found[0].hint
    assert where(found, "hi-variant") == []          # reported once, as discouraged


def test_glossary_alternative_is_a_variant():
    found = lint("# शीर्षक\n\nमॉडल का सूक्ष्म\nसमायोजन हुआ। ट्रांसफार्मर भी देखें।\n")
    assert where(found, "hi-variant") == [("docs/p.hi.md", 3, 9), ("docs/p.hi.md", 4, 14)]
    assert "फ़ाइन-ट्यूनिंग" in found[0].hint and "ट्रांसफ़ॉर्मर" in found[1].hint
    assert all(f.severity == "warning" for f in found)


def test_ordinary_words_that_are_glossary_alternatives_are_not_variants():
    text = "# शीर्षक\n\nयह विश्लेषकों का अनुमान था। विशेषज्ञ मानते हैं कि भार बढ़ा।\n"
    assert lint(text) == []


def test_alternative_inside_a_compound_is_not_a_variant():
    # ट्रेनिंग is an alternative for प्रशिक्षण, but प्री-ट्रेनिंग is the recommended form.
    assert where(lint("# शीर्षक\n\nप्री-ट्रेनिंग (pre-training) के बाद।\n"), "hi-variant") == []


def test_nukta_variants_across_pages():
    found = lint("# क\n\nयह ज़रूरी है। यह भी ज़रूरी है।\n", "# ख\n\nयह जरूरी है।\n")
    assert where(found, "hi-variant") == [("docs/q.hi.md", 3, 4)]
    variant = next(f for f in found if f.rule == "hi-variant")
    assert "ज़रूरी" in variant.hint and "2 times" in variant.message


def test_nukta_variant_preferred_even_when_rarer():
    found = lint("# क\n\nजरूरी, जरूरी, जरूरी।\n", "# ख\n\nज़रूरी।\n")
    assert where(found, "hi-variant") == [("docs/p.hi.md", 3, 1), ("docs/p.hi.md", 3, 8),
                                          ("docs/p.hi.md", 3, 15)]


def test_precomposed_and_decomposed_nukta_are_one_spelling():
    found = lint("# क\n\nज़रूरी।\n", "# ख\n\n\u095bरूरी।\n")
    assert where(found, "hi-variant") == []
    assert where(found, "hi-nfc") == [("docs/q.hi.md", 3, 1)]


def test_gloss_missing_on_first_use():
    found = lint("# शीर्षक\n\nयह राउटर तय करता है कि हर शब्द किस हिस्से के पास जाएगा और कब जाएगा। "
                 "फिर राउटर (router) चलता है।\n")
    assert where(found, "hi-gloss") == [("docs/p.hi.md", 3, 4)]
    assert "राउटर (router)" in found[0].hint and found[0].severity == "warning"


def test_gloss_on_first_use_is_enough():
    text = ("# राउटर\n\n## राउटर {#router}\n\nहर टोकनों (tokens) का [राउटर](glossary.md#router) "
            "(router) चुनता है। राउटर फिर चुनता है। Mixture of Experts (मिक्सचर ऑफ़ एक्सपर्ट्स) भी।\n")
    assert where(lint(text), "hi-gloss") == []


def test_gloss_in_another_cell_of_a_table_row():
    text = "# शब्दावली\n\n| अंग्रेज़ी | हिंदी |\n|---|---|\n| router | राउटर |\n"
    assert where(lint(text), "hi-gloss") == []


def test_gloss_too_far_away_does_not_count():
    text = "# शीर्षक\n\nराउटर हर बार अपने आप सबसे अच्छे एक्सपर्ट को चुनता है, कोई और नहीं (router)।\n"
    assert where(lint(text), "hi-gloss") == [("docs/p.hi.md", 3, 1)]


def test_marker_silences_warnings_on_its_line_only():
    text = ("# शीर्षक\n\nकई लोग डाटा लिखते हैं। <!-- hi-lint-ok -->\nडाटा फिर आया।\n")
    assert where(lint(text), "hi-discouraged") == [("docs/p.hi.md", 4, 1)]


def test_message_format():
    f = next(f for f in lint("# शीर्षक\n\nसाल २०२५ में।\n") if f.rule == "hi-digits")
    assert f.format() == "docs/p.hi.md:3:5: hi-digits: Devanagari digits '२०२५' (fix: write Latin digits: 2025)"


def test_every_rule_has_a_hint():
    text = ("# शीर्षक\n\n\u095b यह\u200b २ है | फिर।। अब ।\nवह है. ए.आई. डाटा बिलियन खरब मापदंड 5 अ॰ "
            "सूक्ष्म समायोजन राउटर। यहां मेटा। Meta यह कर सकता था।\nनया बैच आया।\n")
    found = hindi_lint.check_pages([page(text, "p"), page("# ख\n\nज़रूरी जरूरी।\n", "q"), page(GLOSSARY_PAGE, "glossary")])
    rules = {f.rule for f in found}
    assert rules == {"hi-nfc", "hi-invisible", "hi-digits", "hi-pipe-danda", "hi-double-danda",
                     "hi-space-danda", "hi-terminator", "hi-discouraged", "hi-variant", "hi-gloss",
                     "hi-spelling", "hi-name-script", "hi-gender", "hi-glossary-missing"}
    assert all(f.hint for f in found)


def test_glossary_copy_is_in_the_repository_and_matches_the_shared_one():
    import yaml
    copy = ROOT / "hooks" / "data" / "glossary.yaml"
    assert copy.read_text(encoding="utf-8").startswith("# Copied")
    entries = yaml.safe_load(copy.read_text(encoding="utf-8"))
    assert len(entries) == len(base.load_glossary()) >= 40
    shared = ROOT.parent / "shared" / "hindi" / "glossary.yaml"
    if shared.exists():
        assert yaml.safe_load(shared.read_text(encoding="utf-8")) == entries


# ---------------------------------------------------------------- word lists (hooks/data/)


@pytest.mark.parametrize("text,col,preferred", [
    ("यहां सब ठीक है।", 1, "यहाँ"),                  # chandrabindu, word-final (pattern)
    ("मॉडल की संख्याएं बदलीं।", 9, "संख्याएँ"),         # plural in एँ (pattern)
    ("कल जांच होगी।", 4, "जाँच"),                     # chandrabindu (word list)
    ("पुराने आंकड़ों से।", 8, "आँकड़ों"),                # a stem keeps its ending
    ("यह किस्सा पुराना है।", 4, "क़िस्सा"),              # nukta
    ("इस पेज पर देखें।", 4, "पन्ना"),                   # two competing words
    ("मॉडल का साइज़ बड़ा है।", 9, "आकार"),
    ("हर लेयर में एक्सपर्ट हैं।", 4, "परत"),
    ("हिन्दी में पढ़ें।", 1, "हिंदी"),
    ("ये लोग जाएंगे।", 8, "जाएँगे"),
])
def test_spelling_variant_is_an_error_with_position_and_fix(text, col, preferred):
    found = lint(f"# शीर्षक\n\n{text}\n")
    assert where(found, "hi-spelling") == [("docs/p.hi.md", 3, col)]
    f = next(f for f in found if f.rule == "hi-spelling")
    assert f.severity == "error" and preferred in f.hint
    assert f.format().startswith(f"docs/p.hi.md:3:{col}: hi-spelling: ") and "(fix: " in f.format()


def test_preferred_spellings_pass():
    text = ("# शीर्षक\n\nयहाँ संख्याएँ हैं, जाँच हुई, आँकड़ों में क़िस्सा है। इस पन्ने पर परत का आकार "
            "हिंदी में लिखा है। वे जाएँगे। हमें नहीं पता। मिक्सचर ऑफ़ एक्सपर्ट्स (mixture of experts) में कई एक्सपर्ट हैं।\n")
    assert where(lint(text), "hi-spelling") == []


def test_spelling_except_phrase_and_marker():
    assert where(lint("# क\n\nमिक्सचर ऑफ़ एक्सपर्ट्स (mixture of experts) मॉडल।\n"), "hi-spelling") == []
    assert where(lint("# क\n\nचहेते एक्सपर्ट्स।\n"), "hi-spelling") == [("docs/p.hi.md", 3, 7)]
    assert where(lint("# क\n\nकुछ लोग पेज लिखते हैं। <!-- hi-lint-ok -->\n"), "hi-spelling") == []


def test_glossary_and_word_list_agree():
    assert wordlists.data_conflicts() == []


def test_glossary_and_word_list_disagreement_is_found():
    glossary = [{"en": "page", "hi": "पेज", "alt": ["वेब पेज"]},          # the list says पन्ना
                {"en": "data", "hi": "डेटा", "alt": ["हिंदी"]}]           # the list prefers हिंदी
    found = wordlists.data_conflicts(glossary, terms=())
    assert any("'पेज'" in c and "'पन्ना'" in c for c in found)
    assert any("'हिंदी'" in c and "discourages" in c for c in found)


def test_every_glossary_worthy_term_is_spelt_as_the_word_list_wants():
    assert coverage.load_terms() and not wordlists.data_conflicts(glossary=[])


def test_name_in_devanagari_is_an_error():
    found = lint("# क\n\nज़करबर्ग ने फ़ेसबुक पर लिखा। Facebook पर भी।\n")
    assert where(found, "hi-name-script") == [("docs/p.hi.md", 3, 13)]
    assert "Facebook" in found[0].hint


def test_company_gender():
    text = ("# क\n\nMeta इसे जारी करने वाला था। Meta कहती है। Meta AI भी आ गया। "
            "Meta ने मॉडल जारी किया। Meta ख़र्च करेगा।\n")
    found = lint(text)
    third = text.split("\n")[2]
    assert where(found, "hi-gender") == [("docs/p.hi.md", 3, 1), ("docs/p.hi.md", 3, third.rindex("Meta") + 1)]
    assert all(f.severity == "warning" and "feminine" in f.hint for f in found if f.rule == "hi-gender")


def test_glossary_coverage():
    term_page = "# क\n\nहर बैच में टोकन होते हैं। फिर बैच बदलता है।\n"
    found = hindi_lint.check_pages([page(term_page, "p"), page(GLOSSARY_PAGE, "glossary")])
    assert where(found, "hi-glossary-missing") == [("docs/p.hi.md", 3, 4)]     # first use only
    f = next(f for f in found if f.rule == "hi-glossary-missing")
    assert f.severity == "error" and "बैच" in f.hint and "docs/glossary.hi.md" in f.message
    covered = GLOSSARY_PAGE + "| batch | बैच | एक साथ प्रोसेस होने वाले टोकन। |\n"
    assert where(hindi_lint.check_pages([page(term_page, "p"), page(covered, "glossary")]),
                 "hi-glossary-missing") == []
    # A term in the meaning column does not count as covered.
    meaning_only = GLOSSARY_PAGE + "| data | डेटा | बैच में आने वाली जानकारी। |\n"
    assert where(hindi_lint.check_pages([page(term_page, "p"), page(meaning_only, "glossary")]),
                 "hi-glossary-missing") == [("docs/p.hi.md", 3, 4)]


def test_real_site_passes_the_hindi_lint():
    pages = [parse(p.read_text(encoding="utf-8"), str(p.relative_to(ROOT / "docs")), str(p.relative_to(ROOT)))
             for p in sorted((ROOT / "docs").rglob("*.hi.md"))]
    assert len(pages) >= 10
    found = hindi_lint.check_pages(pages)
    assert [f.format() for f in found if f.severity == "error"] == []
    assert [f.format() for f in found if f.rule in ("hi-spelling", "hi-gender", "hi-glossary-missing")] == []


HI_CASES = [
    # fixture site, rule, where, what the message says
    ("hi-spelling", "hi-spelling", "docs/index.hi.md:6:", "'आंकड़ा' is not the site's spelling"),
    ("hi-glossary-missing", "hi-glossary-missing", "docs/index.hi.md:6:", "'क्वांटाइज़ेशन' is a technical term"),
]


@pytest.mark.parametrize("case,rule,where_,says", HI_CASES, ids=[c[0] for c in HI_CASES])
def test_hindi_fixture_site_fails_the_build(fixture_site, case, rule, where_, says):
    result, _ = fixture_site(case)
    assert result.returncode != 0, result.output
    lines = [l for l in result.output.splitlines() if f": {rule}: " in l]
    assert any(where_ in l and says in l for l in lines), result.output
    assert "Traceback" not in result.output


def test_built_hindi_pages_mark_inline_english(built_site):
    html = (built_site / "hi" / "moe" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="en">Adaptive Mixtures of Local Experts</span>' in html
    # Quotes and English titles: the Hindi rendering, then the original marked as English.
    for rel, quote in (("llama4/index.html", "the leading state of the art model"),
                       ("llama4/after/index.html", "simply not true"),
                       ("release/index.html", "Open Source AI Is the Path Forward"),
                       ("timeline/index.html", "fudged a little bit")):
        text = (built_site / "hi" / rel).read_text(encoding="utf-8")
        assert f'<span lang="en">{quote}</span>' in text, rel
    # The same Zuckerberg quote is rendered one way on every page that quotes it.
    rendering = "सोच-समझकर तय करना होगा कि हम क्या ओपन सोर्स करें"
    for rel in ("llama4/after/index.html", "release/index.html", "timeline/index.html"):
        assert rendering in (built_site / "hi" / rel).read_text(encoding="utf-8"), rel


def test_built_hindi_as_of_phrase_is_not_a_deadline(built_site):
    import re
    text = (built_site / "hi" / "race" / "index.html").read_text(encoding="utf-8")
    assert "की स्थिति में)" in text
    assert not re.search(r"\d{4} तक\)", text)
