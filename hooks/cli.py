"""The contributor's command line: `python -m hooks <command>`, one module per command in
hooks/commands/.

    check    every Markdown-level check (facts, translations, Hindi, links), as the build runs
             them; --site DIR also checks a finished site (links, anchors, ids) without MkDocs
    new      start a page in both languages and add it to the nav
    status   which Hindi pages are up to date with their English; status PAGE: one page, and
             the English diff (git) since its Hindi was acknowledged
    ack      record that a Hindi page was reviewed against the current English
    links    the links of the sources; with --online, external URLs over the network
    facts    facts with review dates; --due lists those due to be checked again (exit 1 if any)
    fact     fact add: write a new fact into facts/registry.yaml (asks for what is missing);
             fact find WORDS: search the registry's ids, labels and values
    watch    what is new in the primary feeds (facts/watch.yaml); --ack records it as reviewed

Exit status: 0 when all is well, 1 when a check found errors, 2 for a bad command or argument.
The same commands run in pre-commit, CI and on a laptop, from any folder of the project.
"""
from __future__ import annotations

import argparse
import os
import sys

from hooks.commands import facts as facts_command
from hooks.commands import check, fact, links, new, status
from hooks.commands.common import (EXIT_OK, EXIT_USAGE, UsageError, find_root,  # noqa: F401 (used by others)
                              project_root as _root, print_findings, summary)
from hooks.commands.check import run_checks  # noqa: F401 -- python -m hooks check, for the tests
from hooks.commands.new import EN_TEMPLATE, HI_TEMPLATE, add_page  # noqa: F401
from hooks.commands import watch as watch_command


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", help="the project folder (default: the nearest folder with mkdocs.yml)")
    parser = argparse.ArgumentParser(
        prog="python -m hooks", description="Checks and chores for the bilingual Llama 4 site.",
        epilog="Exit status: 0 all well, 1 problems found, 2 bad command or argument.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("check", parents=[common], help="run every Markdown check (as the build does)")
    check.add_arguments(p)
    p.set_defaults(func=check.run)

    p = sub.add_parser("new", parents=[common], help="start a page in English and Hindi, add it to the nav")
    new.add_arguments(p)
    p.set_defaults(func=new.run)

    p = sub.add_parser("status", parents=[common], help="translation status of every page")
    status.add_status_arguments(p)
    p.set_defaults(func=status.cmd_status)

    p = sub.add_parser("ack", parents=[common],
                       help="record that a Hindi page was reviewed against the current English")
    status.add_ack_arguments(p)
    p.set_defaults(func=status.cmd_ack)

    p = sub.add_parser("links", parents=[common],
                       help="check the links of the sources; --online: external URLs over the network")
    links.add_arguments(p)
    p.set_defaults(func=links.run)

    p = sub.add_parser("facts", parents=[common],
                       help="facts with review dates; --due: those due to be checked again")
    facts_command.add_arguments(p)
    p.set_defaults(func=facts_command.run)

    p = sub.add_parser("fact", help="add a fact to the registry (fact add), or search it (fact find WORDS)")
    fact.add_arguments(p)
    p.set_defaults(func=fact.run)

    p = sub.add_parser("watch", parents=[common],
                       help="what is new in Meta's primary feeds since the editors last looked; "
                            "--ack records it as reviewed")
    watch_command.add_arguments(p)
    p.set_defaults(func=watch_command.run)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:            # `python -m hooks status | head`
        sys.stdout = open(os.devnull, "w", encoding="utf-8")
        return EXIT_OK
    except OSError as err:             # a path argument that cannot be used: too long, not a folder...
        where = f"{str(err.filename)[:120]}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
