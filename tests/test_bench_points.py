"""bench/hook_times.py times each check by wrapping a module attribute: every point it names must
exist, or the benchmark fails after minutes of building (a module moved or a function renamed)."""
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_timed_check_point_exists():
    spec = importlib.util.spec_from_file_location("hook_times", ROOT / "bench" / "hook_times.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["hook_times"] = module
    spec.loader.exec_module(module)
    missing = []
    for mod, fn, _ in module.CHECK_POINTS:
        try:
            target = importlib.import_module(mod)
        except ImportError as err:
            missing.append(f"{mod}: {err}")
            continue
        if not callable(getattr(target, fn, None)):
            missing.append(f"{mod}.{fn}")
    assert missing == []
