"""Translation rules on fixture sites: twins, structure, freshness, pages not translated yet."""
import re
from pathlib import Path

BASE = Path(__file__).parent / "sites" / "_base"


def base(rel):
    return (BASE / rel).read_text(encoding="utf-8")


def test_outdated_translation_warns_and_shows_a_notice(fixture_site):
    en = base("docs/index.md").replace("## Details", "A new English sentence.\n\n## Details")
    result, site = fixture_site(edits={"docs/index.md": en})
    assert result.returncode == 0, result.output
    assert "docs/index.hi.md:1:1: i18n-outdated: the English page has changed" in result.output
    hi = (site / "hi" / "index.html").read_text(encoding="utf-8")
    assert "अंग्रेज़ी पन्ना बदल गया है" in hi
    assert re.search(r'<a href="\.\./?" hreflang="en">अंग्रेज़ी संस्करण</a>', hi)  # links to the English version


def test_outdated_translation_fails_when_configured(fixture_site):
    en = base("docs/index.md").replace("## Details", "A new English sentence.\n\n## Details")
    config = base("mkdocs.yml") + "extra:\n  checks:\n    outdated_fails: true\n"
    result, _ = fixture_site(edits={"docs/index.md": en, "mkdocs.yml": config})
    assert result.returncode != 0
    assert ": i18n-outdated: " in result.output


def test_page_listed_as_not_translated_builds_with_a_hindi_notice(fixture_site):
    config = base("mkdocs.yml").replace("  - Sources: sources.md", "  - Sources: sources.md\n  - Extra: extra.md")
    config += "extra:\n  checks:\n    not_translated: [extra.md]\n"
    result, site = fixture_site(edits={"mkdocs.yml": config,
                                       "docs/extra.md": "# Extra\n\nNot in Hindi yet.\n"})
    assert result.returncode == 0, result.output
    fallback = (site / "hi" / "extra" / "index.html").read_text(encoding="utf-8")
    assert "अभी अनुवाद नहीं हुआ" in fallback and '<html lang="hi"' in fallback


def test_missing_heading_id_fails(fixture_site):
    hi = base("docs/index.hi.md").replace(" {#details}", "")
    en = base("docs/index.md").replace(" {#details}", "")
    result, _ = fixture_site(edits={"docs/index.md": en, "docs/index.hi.md": hi})
    assert result.returncode != 0
    assert "docs/index.md:6:1: i18n-heading-id: heading 'Details' has no explicit id" in result.output


def test_different_images_fail(fixture_site):
    hi = base("docs/index.hi.md") + "\n![चित्र](assets/chart.svg)\n"
    result, _ = fixture_site(edits={"docs/index.hi.md": hi, "docs/assets/chart.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    assert result.returncode != 0
    assert "i18n-structure: images differ" in result.output


def test_translation_status_page(fixture_site):
    status_en = "# Status\n\n<!-- translation-status -->\n"
    status_hi = "# स्थिति\n\n<!-- translation-status -->\n"
    en = base("docs/index.md").replace("## Details", "Changed.\n\n## Details")
    result, site = fixture_site(edits={"docs/status.md": status_en, "docs/status.hi.md": status_hi,
                                       "docs/index.md": en})
    html = (site / "status" / "index.html").read_text(encoding="utf-8")
    assert "outdated" in html and "up to date" in html
    html_hi = (site / "hi" / "status" / "index.html").read_text(encoding="utf-8")
    assert "पुराना" in html_hi
