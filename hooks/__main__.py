"""`python -m hooks <command>`: see hooks/cli.py, or run `python -m hooks --help`."""
import sys

from hooks.cli import main

sys.exit(main())
