"""The story watch: primary feeds that tell the editors when the story moves.

`python -m hooks watch` (hooks/commands/watch.py) reads the sources that `facts/watch.yaml`
lists (Atom or RSS feeds, a Hugging Face model listing, an SEC EDGAR submissions file), and
lists every item that is not yet in the state file `facts/watch-state.json`, with its date,
title, link and the open questions and facts it may touch. `--ack` records the listed items as
reviewed. It is editorial monitoring, not a check of the site: the build never runs it.

The parts, each testable apart:

- `load_config(path, shown, env)`: the sources, the contact and the HTTP settings, with every
  problem as a Finding at its line (unknown key, bad kind or URL, bad pattern, no contact);
- `check_ids(config, questions, facts)`: question and fact ids that the registry files do not
  hold (`known_ids` reads them, with their lines);
- `parse(kind, body, base_url)`: one source's answer as Items (feedparser for Atom and RSS;
  the documented JSON of the two APIs); a malformed answer raises `SourceError`;
- `fetch_all(config, cache_dir)`: every source over HTTP with requests and requests-cache:
  one request per host at a time (a worker per host, hosts in parallel), timeouts, retries with
  backoff (urllib3's Retry), conditional requests (the cache sends If-None-Match and
  If-Modified-Since, and a 304 answers from the cache) and no redirect to another host;
- `new_items(results, state, since)` and `acknowledge(state, items, day)`: what the state has
  not seen, and the state once those are reviewed; `write_listed` and `load_listed` keep what a
  run listed, so that `--ack` records exactly that.

Nothing here prints or exits; the command does.
"""
from __future__ import annotations

from hooks.watch.answers import (
           Item,
           SourceError,
           parse,
           parse_feed,
           parse_hf_models,
           parse_sec_submissions,
)
from hooks.watch.config import (
           CONTACT_ENV,
           KINDS,
           Config,
           Rule,
           Source,
           check_ids,
           known_ids,
           load_config,
)
from hooks.watch.fetch import (
           RETRY_STATUSES,
           RedirectRefused,
           Result,
           describe,
           fetch,
           fetch_all,
           make_session,
)
from hooks.watch.state import (
           STATE_VERSION,
           acknowledge,
           empty_state,
           load_listed,
    load_state,
           new_items,
           write_listed,
    write_state,
)

__all__ = ["CONTACT_ENV", "KINDS", "RETRY_STATUSES", "STATE_VERSION", "Config", "Item",
           "RedirectRefused", "Result", "Rule", "Source", "SourceError", "acknowledge",
           "check_ids", "describe", "empty_state", "fetch", "fetch_all", "known_ids",
           "load_config", "load_listed", "load_state", "make_session", "new_items", "parse",
           "parse_feed", "parse_hf_models", "parse_sec_submissions", "write_listed",
           "write_state"]
