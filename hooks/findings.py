"""One problem found by a check, and the ways it is reported."""
from __future__ import annotations

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

    def github(self) -> str:
        """A GitHub Actions workflow command: the problem shows on the pull request diff."""
        kind = "error" if self.severity == "error" else "warning"
        message = self.message + (f" (fix: {self.hint})" if self.hint else "")
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (f"::{kind} file={self.path},line={self.line},col={self.col},"
                f"title={self.rule}::{message}")


def errors(findings) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]
