"""Translation freshness: each Hindi page records the English version it follows.

The record is a content hash of the English file in the Hindi page's front matter
(`translated_from:`), so it works in any clone, shallow or not, with or without git.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from hooks.core.findings import Finding

KEY = "translated_from"
UP_TO_DATE, OUTDATED, MISSING, NOT_TRANSLATED, UNRECORDED = (
    "up-to-date", "outdated", "missing", "not-translated", "unrecorded")


def fingerprint(english_text: str) -> str:
    text = english_text.replace("\r\n", "\n").strip() + "\n"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def status(en_page, hi_page, not_translated=()) -> str:
    if hi_page is None:
        return NOT_TRANSLATED if en_page.rel in not_translated else MISSING
    recorded = str(hi_page.meta.get(KEY, "") or "")
    if not recorded:
        return UNRECORDED
    return UP_TO_DATE if recorded == fingerprint(en_page.text) else OUTDATED


def check(grouped: dict, not_translated=(), strict=False) -> list[Finding]:
    found = []
    for key, pair in sorted(grouped.items()):
        if "en" not in pair or "hi" not in pair:
            continue
        state = status(pair["en"], pair["hi"], not_translated)
        if state in (OUTDATED, UNRECORDED):
            what = ("the English page has changed since this translation was made"
                    if state == OUTDATED else "this translation does not record its English version")
            found.append(Finding(pair["hi"].path, 1, 1, "i18n-outdated", what,
                                 f"update the Hindi text, then run: python -m hooks ack {key}",
                                 severity="error" if strict else "warning"))
    return found


def record(hi_path: Path, english_text: str) -> str:
    """Write the English fingerprint into the Hindi page's front matter; return it."""
    mark = fingerprint(english_text)
    text = hi_path.read_text(encoding="utf-8")
    line = f'{KEY}: "{mark}"'  # quoted: an all-digit hash must stay text
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        head = text[4:end]
        if re.search(rf"^{KEY}:.*$", head, re.M):
            head = re.sub(rf"^{KEY}:.*$", line, head, flags=re.M)
        else:
            head = head + "\n" + line if head else line
        text = f"---\n{head}\n---\n" + text[end + 5:]
    else:
        text = f"---\n{line}\n---\n\n" + text
    hi_path.write_text(text, encoding="utf-8")
    return mark


NOTICE = {
    OUTDATED: ('!!! warning "अंग्रेज़ी पन्ना बदल गया है"\n'
               '    यह अनुवाद जिस अंग्रेज़ी पन्ने से बना था, वह उसके बाद बदल चुका है। '
               'ताज़ा जानकारी के लिए <a href="{link}" hreflang="en">अंग्रेज़ी संस्करण</a> भी देखें।\n\n'),
    NOT_TRANSLATED: ('!!! note "अभी अनुवाद नहीं हुआ"\n'
                     '    इस पन्ने का हिंदी अनुवाद अभी तैयार नहीं है, इसलिए नीचे अंग्रेज़ी पाठ दिखाया जा रहा है।\n\n'),
}
