"""The core (trustplan/core/) stands below the apps: it imports none of them.

It may import Django, libraries, the standard library, itself, and the tenancy models
(`Trust`, `Membership` from schools.models; the user model from trustplan.models). Anything
else of the project, an app's logic or the wiring above (settings, urls, celery), is refused.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
CORE = BASE_DIR / "trustplan" / "core"
ALLOWED = {
    "schools.models": {"Trust", "Membership"},
    "trustplan.models": {"User"},
}


def project_packages() -> set[str]:
    """Top-level packages of this project: the installed apps that live in the repository."""
    names = set()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        # A virtualenv inside the checkout holds libraries, not the project.
        if path.is_relative_to(BASE_DIR) and "site-packages" not in path.parts:
            names.add(config.name.split(".")[0])
    return names


def forbidden_imports(source: str, *, module: str) -> list[str]:
    """Each import in `source` that reaches the project outside the core and the allowed models."""
    package = module.rsplit(".", 1)[0]
    ours = project_packages()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            targets = [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            targets = [(base, {alias.name for alias in node.names})]
        else:
            continue
        for target, names in targets:
            if target.split(".")[0] not in ours or target.startswith("trustplan.core"):
                continue
            if target in ALLOWED and names is not None and names <= ALLOWED[target]:
                continue
            found.append(
                f"{module}:{node.lineno} imports {target}" + (f" {sorted(names)}" if names else "")
            )
    return found


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def test_the_core_has_modules_to_check():
    names = {path.stem for path in core_modules()}
    assert {"tenancy", "access", "permissions", "env", "history", "health"} <= names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.stem)
def test_no_core_module_imports_an_app(path):
    module = "trustplan.core." + path.stem
    assert forbidden_imports(path.read_text(encoding="utf-8"), module=module) == []


@pytest.mark.parametrize(
    "source",
    [
        "from plans.grants import granted_action_ids",
        "import governance.services",
        "def f():\n    from kpis import selectors\n",
        "from schools.models import Person",
        "from schools import services",
        "from trustplan.celery import app",
        "from ..urls import urlpatterns",
    ],
)
def test_the_check_refuses_a_core_module_that_imports_an_app(source):
    assert forbidden_imports(source, module="trustplan.core.access") != []


def test_the_check_lets_the_core_import_the_tenancy_models_and_itself():
    source = (
        "from schools.models import Membership, Trust\n"
        "from trustplan.core.permissions import Perms\n"
        "from .env import text\n"
        "from django.db import models\n"
        "import redis\n"
    )
    assert forbidden_imports(source, module="trustplan.core.access") == []
