"""Issue 29: the search synonym list, read from hooks/data/search-synonyms.yaml and names.yaml,
and its problems reported at their line."""
from pathlib import Path

from hooks.render import search_synonyms


def test_the_real_list_loads_clean_and_maps_names_and_variants():
    pairs, found = search_synonyms.load()
    assert found == []
    hi = search_synonyms.pairs("hi")
    for typed, use in [("मेटा", "meta"), ("लामा", "llama"), ("डीपसीक", "deepseek"), ("माडल", "मॉडल"),
                       ("zuckerberg", "जकरबर्ग")]:
        assert [typed, use] in hi, (typed, use)
    en = search_synonyms.pairs("en")
    assert ["मेटा", "meta"] in en and all(u.isascii() for _, u in en)


def _load(tmp_path, text):
    path = tmp_path / "syn.yaml"
    path.write_text(text, encoding="utf-8")
    names = tmp_path / "names.yaml"
    names.write_text("names:\n  - {latin: Meta, devanagari: [मेटा]}\n", encoding="utf-8")
    return search_synonyms.load(path, names)


def test_a_typed_form_that_is_a_word_of_the_pages_fails_at_its_line(tmp_path):
    _, found = _load(tmp_path, "synonyms:\n  - {use: मॉडल, typed: [माडल]}\n  - {use: परत, typed: [मॉडल]}\n")
    assert [(f.line, f.rule) for f in found] == [(3, "hi-search-synonyms")]
    assert "a word the pages use" in found[0].message


def test_one_typed_form_for_two_words_fails(tmp_path):
    _, found = _load(tmp_path, "synonyms:\n  - {use: Llama, typed: [लामा]}\n  - {use: Lama, typed: [लामा]}\n")
    assert [(f.line, f.rule) for f in found] == [(3, "hi-search-synonyms")] and "two words" in found[0].message


def test_the_same_form_twice_for_one_word_is_fine_and_folded(tmp_path):
    pairs, found = _load(tmp_path, "synonyms:\n  - {use: Muse, typed: [म्यूज़, म्यूज]}\n")
    assert found == [] and len(pairs) == 2   # म्यूज once (nukta folded), मेटा from names


def test_broken_entries_and_files_are_findings_not_tracebacks(tmp_path):
    _, found = _load(tmp_path, "synonyms:\n  - {typed: [x]}\n  - {use: A, typed: x}\n")
    assert [(f.line, f.rule) for f in found] == [(2, "hi-search-synonyms"), (3, "hi-search-synonyms")]
    _, found = _load(tmp_path, "synonyms: [unclosed\n")
    assert found and found[0].rule == "hi-search-synonyms" and found[0].line >= 1
    _, found = _load(tmp_path, "other: 1\n")
    assert found and "'synonyms:' is missing" in found[0].message
    assert search_synonyms._key("ज़करबर्ग") == "जकरबर्ग" and search_synonyms._key("यहाँ") == "यहां"


def test_missing_file_is_a_finding(tmp_path):
    _, found = search_synonyms.load(tmp_path / "nope.yaml", Path(search_synonyms.NAMES))
    assert found and found[0].rule == "hi-search-synonyms"
