"""Issue 29: search finds what a Hindi reader types. Names typed in Devanagari (मेटा, लामा,
डीपसीक) and variant spellings (माडल) give the same first result as the pages' own word, through
the synonym list the build writes into the search index (hooks/data/search-synonyms.yaml,
names.yaml; docs/assets/js/search-worker.js)."""
from __future__ import annotations

import json

import pytest

from test_browser import run_search, visible_paths

pytestmark = pytest.mark.browser

PAIRS = [("मेटा", "Meta"), ("लामा", "Llama"), ("डीपसीक", "DeepSeek"), ("माडल", "मॉडल"),
         ("मेवरिक", "Maverick"), ("zuckerberg", "ज़करबर्ग")]


@pytest.mark.parametrize("typed,word", PAIRS)
def test_typed_form_gives_the_same_first_result_as_the_pages_word(search_page, site_url, typed, word):
    search_page.goto(site_url + "hi/")
    expected = visible_paths(run_search(search_page, word))
    search_page.goto(site_url + "hi/")
    got = visible_paths(run_search(search_page, typed))
    assert expected and got, (typed, got, word, expected)
    assert got[0] == expected[0], (typed, got[:3], word, expected[:3])
    assert got == expected
    assert not search_page.errors, search_page.errors


def test_the_hindi_index_carries_the_synonyms_and_the_english_only_latin_words(site_dir):
    hi = json.loads((site_dir / "search" / "index.hi.json").read_text(encoding="utf-8"))
    en = json.loads((site_dir / "search" / "index.en.json").read_text(encoding="utf-8"))
    assert ["मेटा", "meta"] in hi["config"]["synonyms"] and ["माडल", "मॉडल"] in hi["config"]["synonyms"]
    assert ["मेटा", "meta"] in en["config"]["synonyms"]
    assert not [p for p in en["config"]["synonyms"] if not p[1].isascii()]


def test_without_synonyms_the_devanagari_name_finds_nothing_on_its_own(site_dir):
    """The pages write Meta in Latin script: it is the synonym, not the text, that finds it."""
    hi = json.loads((site_dir / "search" / "index.hi.json").read_text(encoding="utf-8"))
    assert not [d for d in hi["docs"] if "मेटा" in d["text"] or "मेटा" in d["title"]]
