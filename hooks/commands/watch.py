"""`python -m hooks watch [--ack]`: what is new in the primary feeds since the editors last looked.

Reads facts/watch.yaml (the sources, and the questions and facts each may touch), fetches every
source (hooks/watch/), and lists the items that facts/watch-state.json has not recorded; the
list is kept in .cache/watch/listed.json. --ack records that list as reviewed, without a request:
exactly what the editor saw, never an item that appeared since. Editorial monitoring: not part
of the build or of `check`.

Exit status:
  0  nothing new, every source answered (with --ack: the state was written)
  1  new items are listed (review them, then run with --ack)
  2  a bad command or argument (as every command); --ack with no list from an earlier run
  3  a source could not be read (offline, timeout, HTTP error, malformed answer, redirect to
     another host): each failure is named; new items of the other sources are still listed
  4  the configuration or the state file is wrong, or no contact is set for the User-Agent
     (nothing was fetched; --ack needs no contact)
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from hooks import watch
from hooks.commands.common import UsageError, plural, project_root, shown_path

EXIT_OK, EXIT_NEW, EXIT_FAILED, EXIT_CONFIG = 0, 1, 3, 4
CONFIG = "facts/watch.yaml"
STATE = "facts/watch-state.json"
QUESTIONS = "facts/questions.yaml"
REGISTRY = "facts/registry.yaml"
CACHE = ".cache/watch"
LISTED = ".cache/watch/listed.json"


def add_arguments(parser) -> None:
    parser.add_argument("--ack", action="store_true",
                        help="record what the last run listed as reviewed (writes the state file; "
                             "no request is made)")
    parser.add_argument("--config", default=CONFIG, help=f"the sources (default: {CONFIG})")
    parser.add_argument("--state", default=STATE, help=f"the items already reviewed (default: {STATE})")
    parser.add_argument("--no-cache", action="store_true",
                        help=f"no HTTP cache (default: {CACHE}/, which makes the requests conditional)")
    parser.epilog = ("Exit status: 0 nothing new, 1 new items, 2 bad argument, 3 a source failed, "
                     "4 configuration, state or contact wrong. The contact for the User-Agent "
                     f"comes from ${watch.CONTACT_ENV} or contact: in {CONFIG}.")


def _print_item(item: watch.Item, out, label: str = "NEW ") -> None:
    print(f"{label} {item.date or 'undated'}  {item.title}", file=out)
    print(f"     {item.link or '(no link)'}", file=out)
    touches = []
    if item.questions:
        touches.append("questions " + ", ".join(item.questions))
    if item.facts:
        touches.append("facts " + ", ".join(item.facts))
    print(f"     source {item.source}; may touch: {'; '.join(touches) or 'nothing listed'}", file=out)


def run(args, out=None, err=None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    root = project_root(args)

    def path(name: str) -> tuple[Path, str]:
        p = Path(name) if Path(name).is_absolute() else root / name
        return p, shown_path(str(p), root)

    config_path, config_shown = path(args.config)
    state_path, state_shown = path(args.state)
    config, problems = watch.load_config(config_path, config_shown)
    if args.ack:                      # --ack makes no request: the User-Agent's contact is not needed
        problems = [f for f in problems if f.rule != "watch-contact"]
    questions = watch.known_ids(root / QUESTIONS, "questions")
    facts = watch.known_ids(root / REGISTRY, "facts")
    problems += watch.check_ids(config, questions, facts, QUESTIONS, REGISTRY)
    state, state_problems = watch.load_state(state_path, state_shown)
    problems += state_problems
    if problems:
        for finding in problems:
            print(finding.format(), file=err)
        print(f"watch: {plural(len(problems), 'problem')} in the configuration or state; "
              "nothing was fetched", file=err)
        return EXIT_CONFIG
    if questions is None:
        print(f"watch: note: {QUESTIONS} does not exist (or cannot be read): question ids "
              "are not checked", file=err)

    if args.ack:
        return _ack(root, state, state_path, state_shown, out)

    cache = None if args.no_cache else root / CACHE
    results = watch.fetch_all(config, cache)
    items = watch.new_items(results, state, config.since)
    failed = [r for r in results if r.error]
    watch.write_listed(root / LISTED, items, dt.date.today().isoformat(), [r.source.id for r in failed])

    for item in items:
        _print_item(item, out)
    for result in results:
        if result.error:
            print(f"FAILED  {result.source.id}  {result.source.url}: {result.error}", file=out)
        else:
            mine = sum(1 for i in items if i.source == result.source.id)
            print(f"ok      {result.source.id}: {result.status}, "
                  f"{plural(len(result.items), 'item')}, {mine} new", file=out)

    since = f" (items dated before {config.since} are left out)" if config.since else ""
    summary = (f"watch: {plural(len(items), 'new item')} from {plural(len(results), 'source')}"
               f"{since}; {plural(len(failed), 'source')} failed")
    print(summary, file=out)
    if items:
        print("watch: once each item is reviewed against the questions and facts it may touch, "
              "run: python -m hooks watch --ack", file=out)
    if failed:
        return EXIT_FAILED
    return EXIT_NEW if items else EXIT_OK


def _ack(root: Path, state: dict, state_path: Path, state_shown: str, out) -> int:
    """Record what the last run listed (and only that) as reviewed."""
    listed_path = root / LISTED
    found = watch.load_listed(listed_path)
    if found is None:
        raise UsageError(f"nothing to record: no list from an earlier run ({LISTED}); run "
                         "`python -m hooks watch`, review what it lists, then run it with --ack")
    listed, failed = found
    for item in listed:
        _print_item(item, out, "REVIEWED")
    watch.write_state(state_path, watch.acknowledge(state, listed, dt.date.today().isoformat()))
    listed_path.unlink()
    print(f"watch: recorded {plural(len(listed), 'item')} as reviewed in {state_shown} (what the "
          "last run listed; anything that appeared since is listed by the next run)", file=out)
    if failed:
        print(f"watch: note: {', '.join(failed)} could not be read in that run: "
              "their new items, if any, were not seen and are not recorded", file=out)
    return EXIT_OK
