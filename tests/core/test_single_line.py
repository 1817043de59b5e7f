"""Names, titles and labels are one line: no line breaks, no control characters, anywhere."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib.postgres.forms import SimpleArrayField
from django.core.exceptions import ValidationError

from trustplan.core.text import SingleLineField, single_line


def project_apps() -> set[str]:
    """The project's own apps (not Django's or a library's), from the app registry."""
    root = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(root) and ".venv" not in config.path
    }


PROJECT_APPS = project_apps()


def form_modules() -> list[str]:
    """Every `forms` module of the project's apps, wherever a feature keeps it."""
    found = []
    for config in sorted(apps.get_app_configs(), key=lambda c: c.name):
        if config.label not in PROJECT_APPS:
            continue
        app = config.name
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            if module.name.rsplit(".", 1)[-1] == "forms":
                found.append(module.name)
    return found


# Machine-made text: hashes, stored file names, fingerprints.
NOT_TYPED = {
    "token_hash", "secret_hash", "file_name", "checksum", "digest", "fingerprint", "password",
}  # fmt: skip
# Recorded as they came (a sign-in attempt's address and browser, an e-mail's own key): a
# record must never be refused, and each is shown escaped, never put in a header.
RECORDED = {
    "SignInEvent.email",
    "SignInEvent.user_agent",
    "SignInEvent.method",
    "SignInEvent.detail",
    "OutgoingEmail.key",
    "OutgoingEmail.kind",
    # The outbox's own bookkeeping, made by the product: what a message is about, the period
    # it is for, the page it links to, and the kind a person's preference is for.
    "OutgoingEmail.about",
    "OutgoingEmail.period",
    "OutgoingEmail.link",
    "NotificationPreference.kind",
}


def test_every_single_line_model_field_refuses_line_breaks():
    plain = [
        f"{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if type(field).__name__ == "CharField"
        and not field.choices
        and field.name not in NOT_TYPED
        and f"{model.__name__}.{field.name}" not in RECORDED
    ]

    assert plain == [], "use trustplan.core.text.SingleLineField for these"


def test_every_single_line_form_field_refuses_line_breaks():
    missing = []
    modules = form_modules()
    assert "plans.review.forms" in modules and "schools.forms" in modules
    for module_name in modules:
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if not issubclass(form, forms.BaseForm) or form.__module__ != module_name:
                continue
            for field_name, field in form.base_fields.items():
                one_line = (
                    isinstance(field, forms.CharField)
                    and isinstance(field.widget, forms.TextInput)
                    and not isinstance(field, forms.EmailField)
                    # A list of numbers is read as numbers, never stored as typed.
                    and not isinstance(field, SimpleArrayField)
                )
                if one_line and single_line not in field.validators:
                    missing.append(f"{module_name}.{name}.{field_name}")

    assert missing == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Oak\nLearning Trust", "Keep this to one line: it has a line break."),
        ("Oak\r\nTrust", "Keep this to one line: it has a line break."),
        ("Oak\u2028Trust", "Keep this to one line: it has a line break."),
        ("Oak\x07Trust", "invisible control character (U+0007"),
        ("Oak\u202eTrust", "invisible control character (U+202E, right-to-left override)"),
    ],
)
def test_line_breaks_and_control_characters_are_refused_with_a_message(text, message):
    with pytest.raises(ValidationError) as error:
        single_line(text)

    assert message in error.value.messages[0]


def test_names_in_other_scripts_and_punctuation_are_one_line():
    for name in ["Ysgol Gymraeg Bro Ogwr", "Zoë O’Brien-Łukasz", "سارة", "St Mary’s C of E"]:
        single_line(name)


def test_a_single_line_model_field_keeps_its_validator_in_its_form_field():
    field = SingleLineField(max_length=20).formfield()

    assert single_line in field.validators
