"""facts/registry.schema.json, generated from the registry reader's own tables (issue 23: one
description of the registry format). The field names, the required fields, the choices (types,
statuses, confidences, source kinds, units, scales, languages) and the id and URL patterns are
hooks/facts/registry.py's and hooks/facts/values.py's; this module adds only what an editor's
schema needs besides (descriptions, and shapes such as "an English and a Hindi text").

    python -m hooks fact schema          # rewrite facts/registry.schema.json
    python -m hooks fact schema --check  # exit 1 if the file differs from what this makes

tests/test_registry_schema.py holds the committed file to this output, and the reader's
required fields to what the reader refuses.
"""
from __future__ import annotations

import json
import re

from hooks.facts import registry as reg
from hooks.facts.values import LANGS, SCALES, UNITS

SCHEMA_FILE = "facts/registry.schema.json"
LANG_NAMES = {"en": "English", "hi": "Hindi (हिंदी)"}
DATE = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
FULL_DATE = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"
NUMBER_TEXT = r"^-?[0-9][0-9,_]*(\.[0-9]+)?$"
DEVANAGARI = "[\u0900-\u097f]"


def _ecma(pattern: re.Pattern) -> str:
    """A Python pattern as JSON Schema writes it: no non-capturing groups, and no escaped quote
    (an identity escape ECMA-262's unicode mode refuses)."""
    return pattern.pattern.replace("(?:", "(").replace('\\"', '"')


def _by_lang(description: str | None = None, named: bool = True, hindi_script: bool = False) -> dict:
    props = {}
    for lang in LANGS:
        prop: dict = {"type": "string", "minLength": 1}
        if named:
            prop["description"] = LANG_NAMES[lang]
        if hindi_script and lang == "hi":
            prop["pattern"] = DEVANAGARI
        props[lang] = prop
    out: dict = {"type": "object", "required": list(LANGS), "additionalProperties": False,
                 "properties": props}
    if description:
        out["description"] = description
    return out


def _note(description: str) -> dict:
    """A text whose Hindi must be Hindi (registry-note-hindi): description before the shape."""
    shape = _by_lang(named=False, hindi_script=True)
    return {"type": "object", "description": description, **{k: v for k, v in shape.items() if k != "type"}}


def _date(description: str) -> dict:
    return {"description": description,
            "anyOf": [{"type": "string", "pattern": DATE}, {"type": "integer", "minimum": 1000, "maximum": 9999}]}


def _number(description: str | None = None) -> dict:
    out: dict = {"anyOf": [{"type": "number"}, {"type": "string", "pattern": NUMBER_TEXT}]}
    if description:
        out["description"] = description
    return out


def _when(field: str, value: str, then: dict) -> dict:
    return {"if": {"properties": {field: {"const": value}}}, "then": then}


def source_schema() -> dict:
    props = {
        "title": {"type": "string", "minLength": 1,
                  "description": "The title of the page or document, as it reads there"},
        "publisher": {"type": "string", "minLength": 1,
                      "description": "Who published it (for a copy: who copied whom)"},
        "url": {"type": "string", "pattern": _ecma(reg.URL_RE),
                "description": "https only; no spaces, quotes or brackets (write them %-encoded)"},
        "published": {"description": "YYYY, YYYY-MM or YYYY-MM-DD, or the word undated",
                      "anyOf": [_date("YYYY, YYYY-MM or YYYY-MM-DD"), {"const": "undated"}]},
        "kind": {"enum": list(reg.KINDS),
                 "description": "primary: the party's own record (company, paper, filing, model card); "
                                "report: a news organisation reporting it; relay: a copy of someone "
                                "else's report"},
        "about": _note("our remark on the source in both languages (whose report it cites, that it "
                       "is a copy), kept out of its title"),
    }
    assert tuple(props) == reg.SOURCE_FIELDS, "a source field without its schema"
    return {"type": "object", "additionalProperties": False, "required": list(reg.REQUIRED_SOURCE_FIELDS),
            "properties": props}


def fact_schema() -> dict:
    identifier = {"type": "string", "pattern": _ecma(reg.ID_RE)}
    props = {
        "id": {**identifier, "description": "lower-case words joined by hyphens; unique"},
        "topic": {"type": "string", "description": "a key of topics:"},
        "label": _by_lang("what the fact is, one short phrase per language"),
        "type": {"enum": list(reg.TYPES)},
        "unit": {"enum": list(UNITS), "description": f"default {UNITS[0]}"},
        "scale": {"enum": list(SCALES), "description": f"default {next(iter(SCALES))}"},
        "value": {"description": "number: a number; date: a date; text: {en, hi}; quote: {original, lang, en, hi}"},
        "min": _number("range: the lower end"),
        "max": _number("range: the upper end"),
        "as_of": _date("the date the value holds as of"),
        "status": {"enum": list(reg.STATUSES)},
        "superseded_by": {**identifier, "description": "the fact that replaced this one (required when superseded)"},
        "confidence": {"enum": list(reg.CONFIDENCES)},
        "sources": {"type": "array", "minItems": 1, "items": source_schema()},
        "note": _note("shown on the Sources page: en: and hi:, the Hindi written as Hindi (an English "
                      "note without its Hindi fails the build: registry-note-hindi)"),
        "speaker": _by_lang("quote: who said or wrote it"),
        "event": {**identifier, "description": "date: the event it records; two dated facts with one "
                                               "event key are a finding"},
        "checked": {"type": "string", "pattern": FULL_DATE,
                    "description": "YYYY-MM-DD: the day the fact was last compared with its source"},
        "review_by": {"type": "string", "pattern": FULL_DATE,
                      "description": "YYYY-MM-DD: check it again by then (after checked)"},
        "settled": {"type": "boolean", "description": "the latest figure of a chain whose value can no longer change"},
        "series": _by_lang("first fact of a chain: what the chain follows (the 'what changed' page)"),
    }
    assert tuple(props) == reg.FACT_FIELDS, "a fact field without its schema"
    quote_props = {
        "original": {"type": "string", "minLength": 1,
                     "description": "the words exactly as said or written, copied from the source"},
        "lang": {"type": "string", "pattern": _ecma(reg.LANG_TAG_RE), "description": "language of the original"},
        **{lang: {"type": "string", "minLength": 1,
                  "description": f"{LANG_NAMES[lang].split(' (')[0]} rendering (the original itself when lang is {lang})"}
           for lang in LANGS},
    }
    assert tuple(quote_props) == reg.QUOTE_FIELDS, "a quote field without its schema"
    return {
        "type": "object", "additionalProperties": False, "required": list(reg.REQUIRED_FACT_FIELDS),
        "properties": props,
        "allOf": [
            _when("type", "number", {"required": ["value"], "properties": {"value": _number()}}),
            _when("type", "range", {"required": ["min", "max"]}),
            _when("type", "date", {"required": ["value"], "properties": {"value": _date("YYYY, YYYY-MM or YYYY-MM-DD")}}),
            _when("type", "text", {"required": ["value"], "properties": {"value": {
                k: v for k, v in _by_lang().items()}}}),
            _when("type", "quote", {"required": ["value", "speaker"], "properties": {"value": {
                "type": "object", "additionalProperties": False, "required": list(reg.QUOTE_FIELDS),
                "properties": quote_props}}}),
            _when("status", "superseded", {"required": ["superseded_by"]}),
            {"if": {"required": ["review_by"]}, "then": {"required": ["checked"]}},
        ],
    }


def registry_schema() -> dict:
    assert reg.TOP_FIELDS == ("topics", "facts")
    topic = _by_lang()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://example.invalid/llama4-explainer/facts/registry.schema.json",
        "title": "The fact registry (facts/registry.yaml)",
        "description": "Every number, date and quote the site prints, with its sources. See facts/SCHEMA.md. "
                       "The build checks more than this schema can (known topics and ids, chains, review rules).",
        "type": "object", "additionalProperties": False, "required": list(reg.TOP_FIELDS),
        "properties": {
            "topics": {"type": "object", "minProperties": 1, "additionalProperties": topic,
                       "description": "topic key -> its name in English and Hindi"},
            "facts": {"type": "array", "items": fact_schema()},
        },
    }


def schema_text() -> str:
    """The file's text: Hindi descriptions as Hindi, the Devanagari range as escapes (its first
    and last characters do not print)."""
    text = json.dumps(registry_schema(), ensure_ascii=False, indent=2) + "\n"
    return text.replace(json.dumps(DEVANAGARI, ensure_ascii=False), json.dumps(DEVANAGARI))
