"""python -m hooks facts [--due] [--on YYYY-MM-DD]: the facts that carry review dates (or, with
--due, those due to be checked again), each with the pages citing it; then the open questions
(facts/questions.yaml) the same way. The rule and its dates
are in hooks/facts/review.py; this module is only the command."""
from __future__ import annotations

import sys

from hooks.checks import run as checks
from hooks.facts import questions
from hooks.facts.review import EXIT_DUE, EXIT_OK, EXIT_USAGE, citing, due_facts, parse_day, today, today_problem
from hooks.commands.common import UsageError, project_root


def add_arguments(parser) -> None:
    """The options of `python -m hooks facts` (cli.py adds the subcommand and dispatches)."""
    parser.add_argument("--due", action="store_true",
                        help="list only the facts and open questions due for review (exit 1 when any is due)")
    parser.add_argument("--on", metavar="YYYY-MM-DD",
                        help="count this day as today (default: today, or $FACTS_TODAY)")


def run(args, out=None) -> int:
    """List the facts that carry review dates (or, with --due, those due), with the pages
    citing them. Exit 1 only with --due, when a fact is due."""
    out = out or sys.stdout
    on = args.on
    if on is not None:
        try:
            on = parse_day(on)
        except ValueError as err:
            raise UsageError(f"--on {on[:40]}: {err}") from None
    if today_problem():
        raise UsageError(f"{today_problem()} (unset it, or write the day as YYYY-MM-DD)")
    on = on or today()
    root = project_root(args)
    project, findings = checks.load_project(root)
    registry = project.registry
    problems = [f for f in findings if f.severity == "error"]
    if registry.unreadable or problems:
        for f in problems:
            print(f.format(), file=out)
        print("the registry has problems: fix them first (python -m hooks check)", file=out)
        return EXIT_USAGE if registry.unreadable else EXIT_DUE
    cited = citing(project.pages.values())
    shown = due_facts(registry, on) if args.due else [
        f for f in registry.facts.values() if f.review_by]
    for fact in shown:
        state = "DUE" if fact.review_by <= on else "ok"
        pages = ", ".join(cited.get(fact.id, [])) or "not cited"
        line = fact.lines.get("review_by", fact.line)
        print(f"{registry.path}:{line}: {state} {fact.id}: review by {fact.review_by} "
              f"(last checked {fact.checked}); cited on {pages}", file=out)
    due = due_facts(registry, on)
    if due:
        print(f"{len(due)} fact{'s' if len(due) != 1 else ''} due for review on {on}", file=out)
    else:
        print(f"no fact is due for review on {on}", file=out)
    # The open questions beside the facts (facts/questions.yaml, hooks/facts/questions.py).
    qs, q_problems = questions.load(root)
    for f in q_problems:
        print(f.format(), file=out)
    q_due = questions.due(qs, on)
    for q in q_due if args.due else [q for q in qs.items.values() if q.status == "open" and q.review_by]:
        state = "DUE" if q.review_by <= on else "ok"
        print(f"{qs.path}:{q.lines.get('review_by', q.line)}: {state} question {q.id}: look again by "
              f"{q.review_by}; on {', '.join(q.pages)}", file=out)
    if not qs.missing:
        print(f"{len(q_due)} open question{'s' if len(q_due) != 1 else ''} due for another look on {on}"
              if q_due else f"no open question is due for another look on {on}", file=out)
    if q_problems:
        return EXIT_DUE
    return EXIT_DUE if (due or q_due) and args.due else EXIT_OK
