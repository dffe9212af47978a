"""The configuration and CLI references in docs/ are generated from the code (scripts/reference.py): a
setting or a command the pages do not show, or a page that differs from what the code says, fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from cocreate.config import ENVIRONMENT, Config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location("reference", ROOT / "scripts" / "reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_setting_is_documented_with_its_variable_and_a_description(reference):
    page = (ROOT / "docs" / "reference" / "configuration.md").read_text()
    names = {name for name in dir(Config) if name.isupper()}
    documented = {name for name, _, _, _ in reference.settings()}
    assert names == documented
    for name, env, _, text in reference.settings():
        assert text, f"{name} has no comment beside it in cocreate/config.py"
        assert f"| `{name}` |" in page, f"{name} is missing from docs/reference/configuration.md"
        if env:
            assert f"`{env}`" in page
    assert set(ENVIRONMENT) <= names


def test_every_command_is_documented(reference):
    page = (ROOT / "docs" / "reference" / "cli.md").read_text()
    for path, _ in reference.commands():
        assert f"`{path.removeprefix('flask --app cocreate ')}`" in page, f"{path} is missing from cli.md"


def test_the_pages_are_what_the_code_says(reference):
    assert reference.configuration_page() == reference.PAGES["configuration"].read_text(), (
        "make docs-reference"
    )
    assert reference.cli_page() == reference.PAGES["cli"].read_text(), "make docs-reference"


@pytest.mark.parametrize("name", sorted(ENVIRONMENT))
def test_each_variable_named_really_sets_its_setting(name, monkeypatch, tmp_path):
    samples = {
        "ENV_NAME": "development",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/x.db",
        "SEARCH_BACKEND": "whoosh",
        "RATE_LIMITS": "vote=7/60",
        "TIER_POINTS": "1,2,3",
        "REWARDS_MILESTONES": "3,4",
        "SMTP_STARTTLS": "true",
        "REWARDS_TRUSTED_TIER": "insider",
    }
    default = getattr(Config, name)
    raw = samples.get(name) or {int: "7", float: "0.25"}.get(type(default), "sample-value")
    monkeypatch.setenv("COCREATE_ENV", "development")
    monkeypatch.setenv(ENVIRONMENT[name], raw)
    assert Config.load(str(tmp_path))[name] != default, f"{ENVIRONMENT[name]} did not set {name}"


def test_every_link_of_the_readme_resolves():
    import re

    readme = (ROOT / "README.md").read_text()
    targets = re.findall(r"\]\(([^)\s]+)\)", readme)
    assert targets
    for target in targets:
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path = target.split("#")[0]
        assert path and (ROOT / path).exists(), f"README links to {target}, which is not in the repository"
