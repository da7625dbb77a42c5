"""Issue 29: a share card carries the page's description as a dek under the title, cut at a
word when it runs past two lines; the card is redrawn when the description changes."""
from hooks.render import cards

LONG = ("शुक्रवार की वह रिपोर्ट जिसने Llama 4 को देर से चलता और कमज़ोर बताया, और शनिवार का लॉन्च: "
        "किसकी बात सही निकली, किसकी नहीं, और हम यह कैसे जानते हैं, और उसके बाद क्या हुआ, और क्यों")


def test_a_long_dek_is_two_lines_cut_at_a_word():
    lines = cards.dek_lines(LONG)
    assert len(lines) == 2 and lines[-1].endswith(" …")
    assert all(cards._width(line, 400, 34) <= 1040 for line in lines)
    assert " ".join(lines).replace(" …", "") in " ".join(LONG.split())


def test_a_short_dek_is_kept_whole():
    assert cards.dek_lines("स्रोत और तारीख़ें") == ["स्रोत और तारीख़ें"]


def test_the_card_changes_with_its_dek_and_is_cached_by_it(tmp_path, monkeypatch):
    monkeypatch.setattr(cards, "CACHE", tmp_path / "cache")
    with_dek = cards.render("स्रोत", "साइट", "hi", "हर आँकड़ा अपने स्रोत के साथ")
    assert with_dek != cards.render("स्रोत", "साइट", "hi")
    assert cards._key("स्रोत", "साइट", "hi", "क") != cards._key("स्रोत", "साइट", "hi", "ख")
    counts = cards.write(tmp_path, {"assets/cards/a.png": ("स्रोत", "साइट", "hi", "हर आँकड़ा"),
                                    "assets/cards/b.png": ("स्रोत", "साइट", "hi")})
    assert counts["drawn"] + counts["cached"] == 2
    assert (tmp_path / "assets/cards/a.png").read_bytes() != (tmp_path / "assets/cards/b.png").read_bytes()
