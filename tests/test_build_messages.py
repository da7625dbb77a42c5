"""How the build words what the checks find: errors as errors, warnings as warnings, a closing
line that agrees with MkDocs' own strict count (or says why not), and nothing reported against a
page for the notice the build itself adds to it."""
from __future__ import annotations

import re

from fixture_sites import SITES
from hooks.core.findings import Finding, closing_line

BASE = SITES / "_base"


def base(rel: str) -> str:
    return (BASE / rel).read_text(encoding="utf-8")


def aborted(output: str) -> int:
    m = re.search(r"Aborted with (.*) in strict mode!", output)
    assert m, output
    return sum(int(n) for n in re.findall(r"(\d+) \w+", m.group(1)))


def test_errors_log_as_errors_and_warnings_as_warnings(fixture_site):
    en = base("docs/index.md").replace("(fact:launch-date)", "(fact:launch-datez)")
    result, _ = fixture_site(edits={"docs/index.md": en})
    lines = [l for l in result.output.splitlines() if "checks: " in l and ": fact-" in l or "i18n-outdated" in l]
    unknown = [l for l in lines if "fact-unknown" in l]
    outdated = [l for l in lines if "i18n-outdated" in l]
    assert unknown and all(l.startswith("ERROR   -  checks: docs/index.md:4:23: fact-unknown") for l in unknown), lines
    assert outdated and all(l.startswith("INFO    -  checks: warning: docs/index.hi.md:1:1: i18n-outdated")
                            for l in outdated), lines
    assert result.returncode == 1


def test_warnings_alone_do_not_fail_a_strict_build(fixture_site):
    en = base("docs/index.md").replace("## Details", "Changed.\n\n## Details")
    result, _ = fixture_site(edits={"docs/index.md": en})
    assert result.returncode == 0, result.output
    assert "INFO    -  checks: warning: docs/index.hi.md:1:1: i18n-outdated:" in result.output
    assert ("the checks found 0 errors and 1 warning, each listed above (warnings do not fail "
            "the build)") in result.output


def test_the_closing_line_agrees_with_mkdocs_when_it_counts_every_pass(fixture_site):
    """Errors of the source checks only (found before the Hindi pass): MkDocs' count is the
    whole build's, and the same."""
    pages = {rel: base(rel).replace(" {#details}", "").replace(" {#byora}", "")
             for rel in ("docs/index.md", "docs/index.hi.md")}
    result, _ = fixture_site(edits=pages)
    listed = len(re.findall(r"^ERROR   -  checks: ", result.output, re.M))
    assert listed >= 2 and len(re.findall(r"^ERROR   -  checks: .*i18n-heading-id", result.output, re.M)) == 2
    assert (f"the checks found {listed} errors and 1 warning, each listed above (warnings do not "
            f"fail the build); MkDocs counts the same {listed} errors below") in result.output, result.output
    assert aborted(result.output) == listed


def test_the_closing_line_says_why_mkdocs_counts_fewer(fixture_site):
    """An error in both passes: MkDocs reports the Hindi pass's count alone, with its own warnings."""
    pages = {rel: base(rel) + "\n\nSee [x](nope.md).\n" for rel in ("docs/index.md", "docs/index.hi.md")}
    pages["docs/index.md"] = pages["docs/index.md"].replace("(fact:launch-date)", "(fact:launch-datez)")
    result, _ = fixture_site(edits=pages)
    listed = len(re.findall(r"^ERROR   -  checks: ", result.output, re.M))
    m = re.search(r"the checks found (\d+) errors and 1 warning, each listed above \(warnings do not "
                  r"fail the build\); MkDocs' count below, (\d+), holds (\d+) of the checks' errors "
                  r"and (\d+) warnings? of MkDocs' own \(those of the 'hi' pass only: static-i18n "
                  r"builds each language as a build of its own, and MkDocs counts the one that stops\)",
                  result.output)
    assert m, result.output
    total, counted, ours, own = map(int, m.groups())
    assert total == listed >= 5
    assert counted == aborted(result.output) == ours + own
    hi_pass = result.output[result.output.index("Building 'hi' documentation"):]
    assert ours == len(re.findall(r"^ERROR   -  checks: ", hi_pass, re.M)) >= 2   # link-broken, both pages
    assert own == len(re.findall(r"^WARNING -  ", hi_pass, re.M)) == 1           # MkDocs' own nope.md


def test_the_outdated_notice_is_not_reported_against_the_page(fixture_site):
    """The notice links the English page; MkDocs used to report that link as the page's own."""
    en = base("docs/index.md").replace("## Details", "Changed.\n\n## Details")
    pages = {"docs/topic/page.md": en.replace("sources.md", "../sources.md"),
             "docs/topic/page.hi.md": base("docs/index.hi.md").replace("sources.md", "../sources.md")}
    result, site = fixture_site(edits=pages)
    assert result.returncode == 0, result.output
    assert "page.hi.md' contains" not in result.output and "unrecognized relative link" not in result.output
    html = (site / "hi" / "topic" / "page" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../../../topic/page/" hreflang="en">अंग्रेज़ी संस्करण</a>' in html


def test_a_finding_logs_at_its_severity():
    import logging
    error = Finding("docs/a.md", 3, 4, "fact-unknown", "unknown fact id 'x'", "did you mean y?")
    warning = Finding("docs/a.md", 1, 1, "fact-unused", "not cited", severity="warning")
    assert error.for_log() == (logging.ERROR, "docs/a.md:3:4: fact-unknown: unknown fact id 'x' (fix: did you mean y?)")
    assert warning.for_log() == (logging.INFO, "warning: docs/a.md:1:1: fact-unused: not cited")


def test_the_closing_line_in_each_case():
    assert closing_line(2, 0) == "the checks found 2 errors and 0 warnings, each listed above"
    assert closing_line(1, 0, 1, 1) == ("the checks found 1 error and 0 warnings, each listed above; "
                                        "MkDocs counts the same 1 error below")
    assert closing_line(3, 0, 4, 3) == ("the checks found 3 errors and 0 warnings, each listed above; "
                                        "MkDocs' count below, 4, holds the checks' 3 errors and 1 "
                                        "warning of MkDocs' own")
    assert closing_line(0, 2, 0, 0) == ("the checks found 0 errors and 2 warnings, each listed above "
                                        "(warnings do not fail the build)")
