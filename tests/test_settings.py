"""Settings come from MkDocs' own config loader: typed, validated extra.checks, the languages of
the i18n plugin, and a clear one-line error (file and line) for a mkdocs.yml the checks cannot use."""
from __future__ import annotations

import subprocess
import sys

import pytest

from fixture_sites import ROOT, assemble
from hooks.checks import run as checks
from hooks.core import settings

BASE_CHECKS = "extra:\n  checks:\n    not_translated: []\n    outdated_fails: false\n"


def project(tmp_path, extra: str = BASE_CHECKS, replace: tuple = ()):
    config = assemble(None, tmp_path / "src")
    text = config.read_text(encoding="utf-8") + extra
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    config.write_text(text, encoding="utf-8")
    return config.parent


def line_of(root, needle: str) -> int:
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(n for n, text in enumerate(lines, start=1) if needle in text)


def test_the_settings_of_the_real_site():
    conf = settings.load(ROOT)
    assert conf.languages == ("en", "hi")
    assert conf.site_url.startswith("https://")
    assert conf.not_translated == () and conf.outdated_fails is False


def test_typed_values(tmp_path):
    root = project(tmp_path, "extra:\n  checks:\n    not_translated: [moe.md]\n    outdated_fails: true\n")
    conf = settings.load(root)
    assert conf.not_translated == ("moe.md",) and conf.outdated_fails is True


def test_a_misspelt_key_is_an_error_naming_it_and_its_line(tmp_path):
    root = project(tmp_path, "extra:\n  checks:\n    not_translated: []\n    outdated_fail: true\n")
    with pytest.raises(settings.SettingsError) as err:
        settings.load(root)
    assert err.value.line == line_of(root, "outdated_fail:")
    assert "no setting 'outdated_fail'" in str(err.value) and "outdated_fails" in str(err.value)


def test_a_wrong_type_is_an_error(tmp_path):
    root = project(tmp_path, "extra:\n  checks:\n    outdated_fails: sometimes\n")
    with pytest.raises(settings.SettingsError) as err:
        settings.load(root)
    assert "extra.checks.outdated_fails" in str(err.value)
    assert err.value.line == line_of(root, "outdated_fails:")


def test_languages_come_from_the_i18n_plugin_default_first(tmp_path):
    root = project(tmp_path, replace=(("        - locale: en\n          default: true\n", "        - locale: en\n"),
                                      ("        - locale: hi\n", "        - locale: hi\n          default: true\n")))
    assert settings.load(root).languages == ("hi", "en")


def test_an_unsupported_locale_fails_with_a_clear_message(tmp_path):
    root = project(tmp_path, replace=(("- locale: hi", "- locale: fr"),))
    with pytest.raises(settings.SettingsError) as err:
        settings.load(root)
    assert "the i18n plugin lists the language 'fr'" in str(err.value)
    assert err.value.line == line_of(root, "locale: fr")


def test_broken_yaml_is_an_error_with_its_line(tmp_path):
    root = project(tmp_path, replace=(("site_name: Fixture", "site_name: [Fixture"),))
    with pytest.raises(settings.SettingsError) as err:
        settings.load(root)
    assert "MkDocs cannot load it" in str(err.value) and err.value.line > 1


def test_the_checks_report_a_broken_mkdocs_yml_instead_of_passing(tmp_path):
    root = project(tmp_path, replace=(("site_name: Fixture", "site_name: [Fixture"),))
    _, found = checks.load_project(root)
    assert [f.rule for f in found if f.rule == "config-invalid"] == ["config-invalid"]
    result = subprocess.run([sys.executable, "-m", "hooks", "check", "--root", str(root)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "mkdocs.yml:" in result.stdout and "config-invalid" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_build_with_a_misspelt_key_fails_naming_it(tmp_path):
    from fixture_sites import run_build
    root = project(tmp_path, "extra:\n  checks:\n    outdatedfails: true\n")
    result = run_build(root / "mkdocs.yml", tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"mkdocs.yml:{line_of(root, 'outdatedfails:')}: extra.checks has no setting 'outdatedfails'" in output
    assert "Traceback" not in output


def test_serve_watches_the_registry_and_the_word_lists():
    """mkdocs serve rebuilds when facts/registry.yaml or hooks/data/*.yaml change."""
    from types import SimpleNamespace

    from hooks import mkdocs_hooks
    watched = []
    server = SimpleNamespace(watch=watched.append)
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    assert mkdocs_hooks.on_serve(server, config, None) is server
    assert str(ROOT / "facts" / "registry.yaml") in watched
    assert str(ROOT / "hooks" / "data") in watched


def test_the_build_knows_when_it_is_for_the_dev_server():
    from mkdocs.config import load_config

    from hooks import mkdocs_hooks
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), hooks=[])
    assert not mkdocs_hooks._serving(config)
    host, port = config.dev_addr
    config.site_url = f"http://{host}:{port}/llama4-explainer/"
    assert mkdocs_hooks._serving(config)
