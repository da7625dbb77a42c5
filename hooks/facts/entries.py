"""One entry of a YAML list the checks read (a registry fact, an open question), read field by
field: each problem is a finding at the field's line that names the entry and the field."""
from __future__ import annotations

import difflib

from hooks.core.findings import Finding
from hooks.facts.yamlnodes import Node


def did_you_mean(name: str, known) -> str:
    close = difflib.get_close_matches(str(name), known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"use one of: {', '.join(known)}"


class EntryReader:
    """Collects the problems of one entry while its fields are read. A kind of entry sets what
    it is called, its fields and its rules, and which fields it requires."""

    KIND = "entry"
    FIELDS: tuple = ()
    RULE = "registry-field"            # a field's problem
    UNKNOWN_RULE = "registry-field"    # a field the entry does not have

    def __init__(self, path: str, node: Node, index: int):
        self.path, self.node = path, node
        self.fields = node.value if isinstance(node.value, dict) else {}
        idnode = self.fields.get("id")
        self.id = idnode.value if idnode and isinstance(idnode.value, str) else f"#{index + 1}"
        self.findings: list[Finding] = []
        for name in self.fields:
            if name not in self.FIELDS:
                self.problem(name, f"is not a field of a {self.KIND}", did_you_mean(name, self.FIELDS),
                             self.UNKNOWN_RULE)

    def required(self, name: str) -> bool:
        return True

    def line(self, name: str) -> int:
        return self.fields[name].line if name in self.fields else self.node.line

    def problem(self, name: str, message: str, hint: str, rule: str | None = None, line: int | None = None):
        self.findings.append(Finding(self.path, line or self.line(name), 1, rule or self.RULE,
                                     f"{self.KIND} '{self.id}', field '{name}': {message}", hint))

    def text(self, name: str, required: bool | None = None) -> str | None:
        required = self.required(name) if required is None else required
        node = self.fields.get(name)
        if node is None or node.value is None:
            if required:
                self.problem(name, "is missing", f"add '{name}:' to the entry")
            return None
        if not isinstance(node.value, str):
            self.problem(name, "must be a single value", f"write '{name}: <text>'")
            return None
        return node.value
