"""`python -m hooks new PAGE`: start a page in English and Hindi, and add it to the nav.

mkdocs.yml is edited with a round-trip YAML library (ruamel.yaml): its comments, blank lines,
quoting and MkDocs' tags (!ENV) stay as they were; only the nav entry and the Hindi label are
added. The edit is read back before it is written.
"""
from __future__ import annotations

import io
import re

from hooks.core import freshness
from hooks.commands.common import EXIT_OK, UsageError, project_root

PAGE_RE = re.compile(r"^[a-z0-9][a-z0-9_-]*(?:/[a-z0-9][a-z0-9_-]*)*$")

EN_TEMPLATE = """# {title}

Say in a sentence or two what this page explains and who it is for.

## Overview {{#overview}}

Write the first section here. Every number and date comes from the fact registry: cite it
as `[text](fact:ID)` (see facts/SCHEMA.md). Give every h2 and h3 an explicit id, as above.
"""

HI_TEMPLATE = """# {title}

एक-दो वाक्यों में बताएँ कि यह पन्ना क्या समझाता है और किसके लिए है।

## एक नज़र में {{#overview}}

पहला हिस्सा यहाँ लिखें। सारे आँकड़े और तारीख़ें तथ्यों की सूची से आते हैं: उन्हें
`[पाठ](fact:ID)` की तरह लिखें (देखें facts/SCHEMA.md)। हर h2 और h3 का वही id रखें जो अंग्रेज़ी पन्ने पर है।
"""


def _yaml(text: str = ""):
    from ruamel.yaml import YAML
    y = YAML()                      # round trip: comments, order, quotes and tags kept
    y.preserve_quotes = True
    y.width = 4096                  # never fold a long line
    # the file's own list style: "- item" under its key, or indented ("  - item")
    m = re.search(r"^(\w[\w-]*):[ \t]*\n(?:[ \t]*#.*\n)*( *)- ", text, re.M)
    offset = len(m.group(2)) if m else 2
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    return y


def _move_trailing_comment(container, old_key, new_key, target=None) -> None:
    """Blank lines and comments after the old last item stay after the list or mapping (in
    `target`, when the new item is in a new nested mapping)."""
    target = container if target is None else target
    items = getattr(container, "ca", None) and container.ca.items
    if not items or old_key not in items:
        return
    tokens = items[old_key]
    slot = 2 if len(tokens) > 2 and tokens[2] is not None else (3 if len(tokens) > 3 and tokens[3] else None)
    if slot is None:
        return
    comment = tokens[slot]
    if not comment.value.strip().startswith("#") or comment.value.count("\n") > 1:
        tokens[slot] = None
        target.ca.items.setdefault(new_key, [None] * len(tokens))
        target.ca.items[new_key][slot] = comment


def add_page(text: str, title_en: str, title_hi: str, target: str, locale: str = "hi"):
    """mkdocs.yml's text with `- title_en: target` at the end of nav and `title_en: title_hi`
    in the nav_translations of the i18n language `locale`; and what was done, as notes."""
    from ruamel.yaml.comments import CommentedMap
    y = _yaml(text)
    data = y.load(text)
    notes = []
    nav = data.get("nav") if isinstance(data, dict) else None
    if isinstance(nav, list):
        entry = CommentedMap()
        entry[title_en] = target
        nav.append(entry)
        _move_trailing_comment(nav, len(nav) - 2, len(nav) - 1)
        notes.append(f"mkdocs.yml: added '- {title_en}: {target}' at the end of nav "
                     "(move it into a section if it belongs there)")
    else:
        notes.append(f"mkdocs.yml has no nav list to append to: add '- {title_en}: {target}' by hand")
    language = None
    for plugin in (data.get("plugins") or []) if isinstance(data, dict) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for lang in plugin["i18n"].get("languages") or []:
                if isinstance(lang, dict) and lang.get("locale") == locale:
                    language = lang
    if language is None:
        notes.append(f"mkdocs.yml has no i18n language '{locale}': add '{title_en}: {title_hi}' "
                     "to its nav_translations by hand")
    else:
        labels = language.get("nav_translations")
        created = labels is None
        if created:
            before = list(language)[-1] if language else None
            labels = language["nav_translations"] = CommentedMap()
            labels[title_en] = title_hi
            if before is not None:
                _move_trailing_comment(language, before, title_en, labels)
            notes.append(f"mkdocs.yml: added '{title_en}: {title_hi}' to the Hindi nav_translations")
        elif title_en in labels:
            notes.append(f"mkdocs.yml: nav_translations already has '{title_en}: {labels[title_en]}'")
        else:
            last = list(labels)[-1] if labels else None
            labels[title_en] = title_hi
            if last is not None:
                _move_trailing_comment(labels, last, title_en)
            notes.append(f"mkdocs.yml: added '{title_en}: {title_hi}' to the Hindi nav_translations")
    out = io.StringIO()
    y.dump(data, out)
    edited = out.getvalue()
    # Read back: the file must still parse, and say what was meant.
    again = _yaml(edited).load(edited)
    ok = (not isinstance(nav, list) or again["nav"][-1] == {title_en: target})
    if language is not None:
        hi = [lang for p in again.get("plugins") or [] if isinstance(p, dict) and "i18n" in p
              for lang in p["i18n"].get("languages") or [] if lang.get("locale") == locale]
        ok = ok and bool(hi) and (hi[0].get("nav_translations") or {}).get(title_en) is not None
    if not ok:
        raise UsageError("could not add the page to mkdocs.yml automatically (unusual layout); "
                         f"nothing was changed. Add '- {title_en}: {target}' to nav and "
                         f"'{title_en}: {title_hi}' to the hi nav_translations by hand, then rerun")
    return edited, notes


MAX_PART, MAX_NAME = 100, 200   # characters of one folder or file name, and of the whole page name


def _title(text: str, which: str) -> str:
    from hooks.checks.titles import check_string
    problems = check_string(text, "", 1, 1, f"the {which} title")
    if problems:            # markup, a fact reference or a direction control: the checks refuse it
        raise UsageError(f"{problems[0].message} ({problems[0].hint})")
    if any(c in text for c in "\r\n\x0b\x0c\x85\u2028\u2029"):
        raise UsageError(f"the {which} title must be one line (it is the page's heading and its "
                         "nav entry)")
    if any(ord(c) < 32 for c in text):
        raise UsageError(f"the {which} title has a control character: type it again")
    return text.strip()


def add_arguments(p) -> None:
    p.add_argument("page", help="the page to create, e.g. moe/routing (docs/moe/routing.md and .hi.md)")
    p.add_argument("--title-en", help="the English title (default: from the page name)")
    p.add_argument("--title-hi", help="the Hindi title (default: the English one, to translate)")


def run(args) -> int:
    root = project_root(args)
    name = re.sub(r"^docs/", "", args.page.strip().replace("\\", "/"))
    name = re.sub(r"(\.hi)?\.md$", "", name)
    if not PAGE_RE.match(name):
        raise UsageError(f"'{args.page}' is not a page name: use lower-case words, digits and "
                         "hyphens, with / for a folder, e.g. moe/routing")
    if len(name) > MAX_NAME or any(len(part) > MAX_PART for part in name.split("/")):
        raise UsageError(f"the page name is too long ({len(name)} characters): keep each part under "
                         f"{MAX_PART} and the whole under {MAX_NAME} (it becomes a file name and a URL)")
    en_path, hi_path = root / "docs" / f"{name}.md", root / "docs" / f"{name}.hi.md"
    for path in (en_path, hi_path):
        if path.exists():
            raise UsageError(f"{path.relative_to(root).as_posix()} already exists")
    default = name.rsplit("/", 1)[-1].replace("-", " ").replace("_", " ").capitalize()
    title_en = _title(args.title_en if args.title_en is not None else default, "English")
    title_hi = _title(args.title_hi if args.title_hi is not None else title_en, "Hindi")
    if not title_en or not title_hi:
        raise UsageError("a title cannot be empty")
    config_path = root / "mkdocs.yml"
    config_text = config_path.read_text(encoding="utf-8")
    try:
        edited, notes = add_page(config_text, title_en, title_hi, f"{name}.md")
    except UsageError:
        raise
    except Exception as err:  # noqa: BLE001 -- ruamel's errors: the file is left as it is
        raise UsageError(f"mkdocs.yml could not be read for editing ({type(err).__name__}: "
                         f"{' '.join(str(err).split())[:200]}); nothing was changed") from None
    english = EN_TEMPLATE.format(title=title_en)
    try:
        en_path.parent.mkdir(parents=True, exist_ok=True)
        en_path.write_text(english, encoding="utf-8")
        hi_path.write_text(HI_TEMPLATE.format(title=title_hi), encoding="utf-8")
    except OSError as err:
        en_path.unlink(missing_ok=True)
        raise UsageError(f"docs/{name}.md could not be written ({err.strerror or err}); mkdocs.yml "
                         "was not changed") from None
    mark = freshness.record(hi_path, english)
    if edited != config_text:
        config_path.write_text(edited, encoding="utf-8")
    print(f"created docs/{name}.md")
    print(f"created docs/{name}.hi.md (translated_from: {mark})")
    for note in notes:
        print(note)
    if not args.title_hi:
        print("the Hindi title is still the English one: translate it in "
              f"docs/{name}.hi.md and in mkdocs.yml (nav_translations)")
    print(f"next: write both pages, then run python -m hooks check; after changing the English "
          f"later, update the Hindi and run python -m hooks ack {name}")
    return EXIT_OK
