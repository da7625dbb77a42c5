"""One problem found by a check, and the ways it is reported."""
from __future__ import annotations

import logging
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    path: str
    line: int
    col: int
    rule: str
    message: str
    hint: str = ""
    severity: str = "error"  # error | warning

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.rule}: {self.message}"
        return f"{text} (fix: {self.hint})" if self.hint else text

    def for_log(self) -> tuple[int, str]:
        """The logging level and text the build logs this finding with.

        An error is logged at ERROR: MkDocs prints it as `ERROR`, and `mkdocs build --strict`,
        which counts every record at WARNING or above, fails on it. A warning must not fail a
        strict build, so it cannot be a WARNING record: it is logged at INFO, and its text says
        what it is ("warning: ..."), so that it does not read as a note.
        """
        if self.severity == "error":
            return logging.ERROR, self.format()
        return logging.INFO, f"warning: {self.format()}"

    def github(self) -> str:
        """A GitHub Actions workflow command: the problem shows on the pull request diff."""
        kind = "error" if self.severity == "error" else "warning"
        message = self.message + (f" (fix: {self.hint})" if self.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (f"::{kind} file={self.path},line={self.line},col={self.col},"
                f"title={self.rule}::{message}")


def errors(findings) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def closing_line(errors: int, warnings: int, counted: int | None = None,
                 ours_counted: int | None = None, last_pass: str | None = None) -> str:
    """The build's last word on what the checks found, beside MkDocs' own strict count.

    `counted`: the number MkDocs' "Aborted with ..." line will give (None: not a strict build);
    `ours_counted`: how many of the checks' errors are among them; `last_pass`: the language
    whose pass alone MkDocs counts (static-i18n builds each language as a build of its own, and
    MkDocs reports the count of the innermost build that fails)."""
    text = f"the checks found {_plural(errors, 'error')} and {_plural(warnings, 'warning')}, each listed above"
    if warnings:
        text += " (warnings do not fail the build)"
    if counted is None or not counted:
        return text
    ours_counted = errors if ours_counted is None else ours_counted
    own = counted - ours_counted
    if ours_counted == errors and own == 0:
        return text + f"; MkDocs counts the same {_plural(errors, 'error')} below"
    parts = []
    if ours_counted:
        parts.append(f"{ours_counted} of the checks' errors" if ours_counted != errors
                     else f"the checks' {_plural(errors, 'error')}")
    if own:
        parts.append(f"{_plural(own, 'warning')} of MkDocs' own")
    why = (f" (those of the '{last_pass}' pass only: static-i18n builds each language as a build "
           "of its own, and MkDocs counts the one that stops)" if last_pass and ours_counted != errors else "")
    return text + f"; MkDocs' count below, {counted}, holds " + " and ".join(parts) + why
