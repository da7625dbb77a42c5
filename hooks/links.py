"""The link checks now live in the package hooks/linkcheck/ (URL rules, one resolver, the
built-site scan, the source scan, reporting). This module keeps the old import path working."""
from hooks.linkcheck import *  # noqa: F401,F403
from hooks.linkcheck import __all__  # noqa: F401
