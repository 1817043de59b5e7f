"""One line of text: names, titles, labels. No line breaks, no control characters.

A trust's name goes into e-mail subjects, a person's name into headers and PDF running
heads; a line break there breaks the e-mail (Django refuses the header) and a control
character cannot be shown. Every single-line field of the models uses SingleLineField, whose
form field carries the same validator; plain forms add `single_line` to their fields.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

LINE_BREAKS = {"\n", "\r", "\v", "\f", "\x85", "\u2028", "\u2029"}
# Bidirectional overrides and isolates can make a name read as something else.
BIDI_CONTROLS = {chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def _problem(character: str) -> str:
    if character in LINE_BREAKS:
        return "Keep this to one line: it has a line break."
    name = unicodedata.name(character, "")
    code = f"U+{ord(character):04X}, {name.lower()}" if name else f"U+{ord(character):04X}"
    return (
        f"This has an invisible control character ({code}), which cannot be shown or sent: "
        "remove it."
    )


@deconstructible
class SingleLineValidator:
    code = "single_line"

    def __call__(self, value) -> None:
        for character in str(value):
            if (
                character in LINE_BREAKS
                or character in BIDI_CONTROLS
                or unicodedata.category(character) in {"Cc", "Cs"}
            ):
                raise ValidationError(_problem(character), code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, SingleLineValidator)

    def __hash__(self) -> int:
        return hash(self.code)


single_line = SingleLineValidator()


def is_plain_number(text: str) -> bool:
    """Digits 0-9 only, so int() reads it: "2²" and "٣" pass str.isdigit() but are not."""
    return text.isascii() and text.isdigit()


def one_line(text: str) -> str:
    """Text for a header (an e-mail subject): whitespace runs, line breaks included, become
    one space and control characters go; for rows saved before the validator existed."""
    text = "".join(" " if c in LINE_BREAKS or c == "\t" else c for c in text)
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cs"})
    return " ".join(text.split())


class SingleLineField(models.CharField):
    """A CharField for one line of text, refused with a message when it has more."""

    default_validators = [single_line]

    def formfield(self, **kwargs):
        field = super().formfield(**kwargs)
        # A model field's validators do not reach its model form field: this one must.
        if single_line not in field.validators:
            field.validators.append(single_line)
        return field

    def deconstruct(self):
        # Validators never change the schema: migrations keep seeing a plain CharField.
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
