"""Settings come from the environment; bad values stop start-up with one clear line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "trustplan.settings",
    "DEBUG": "false",
    "SECRET_KEY": "k3y-for-the-deploy-check-" + "x" * 40 + "-9f8e7d6c5b4a",
    "ALLOWED_HOSTS": "plans.example-trust.org.uk",
    "DATABASE_URL": "postgres://trustplan@db.internal:5432/trustplan",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "SITE_URL": "https://plans.example-trust.org.uk",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Start from this machine's environment less anything that configures Django or trustplan.
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and not k.startswith(("DJANGO_", "SECURE_", "CELERY_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_the_deploy_check_at_warning_level():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/trustplan"}, "DATABASE_URL"),
        ({"DATABASE_URL": "not a url at all"}, "DATABASE_URL"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"DEBUG": "sometimes"}, "DEBUG"),
        ({"REDIS_URL": "http://localhost:6379"}, "REDIS_URL"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"SECURE_HSTS_SECONDS": "a year"}, "SECURE_HSTS_SECONDS"),
        ({"SIGN_IN_FAILURE_LIMITS": "five a minute"}, "SIGN_IN_FAILURE_LIMITS"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES"),
        ({"SITE_URL": ""}, "SITE_URL"),
        ({"SITE_URL": "plans.example-trust.org.uk"}, "SITE_URL"),
        ({"SITE_URL": "https://plans.example-trust.org.uk/trustplan/"}, "SITE_URL"),
        ({"SITE_URL": "ftp://plans.example-trust.org.uk"}, "SITE_URL"),
    ],
)
def test_bad_configuration_stops_start_up_with_one_line_naming_the_variable(overrides, variable):
    result = manage("check", env={**PRODUCTION_ENV, **overrides})

    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"trustplan: configuration error: {variable}:")
    assert "Traceback" not in result.stderr


def test_a_missing_secret_key_is_allowed_only_while_debugging():
    env = {**PRODUCTION_ENV, "DEBUG": "true", "SECRET_KEY": ""}

    result = manage("check", env=env)

    assert result.returncode == 0, result.stderr
