"""Fields with a maximum length: what is left is shown while typing; nothing is ever cut.

A browser's `maxlength` silently drops what is pasted past the limit, so no field carries it.
Instead every field with a maximum gets `data-limit` and a counter paragraph, which
`static/js/limits.js` keeps up to date (announced politely to screen readers) and which stops a
form being sent while a field is over. The server refuses too: the form field's own maximum,
and the services' checks behind it.

Every form of the project gets this through its renderer (settings.FORM_RENDERER), whose
bound fields move the maximum from `maxlength` to `data-limit` and describe the field by its
counter; `includes/field.html` (or `{{ field.limit_counter }}` beside a field placed by hand)
renders the counter. Markup built in Python (the rating grid) writes `data-limit` and calls
`counter` below.

The server counts what the browser counts: characters (code points), with a line break as
one, so the bound fields read posted text with "\\r\\n" as "\\n".
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.forms import BoundField, Field
from django.forms.renderers import DjangoTemplates
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def limit_of(field: Field) -> int | None:
    """The most characters a form field accepts: its max_length, else a length validator's."""
    limit = getattr(field, "max_length", None)
    if limit is None:
        limits = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
        limit = min(limits) if limits else None
    return int(limit) if limit is not None else None


def counter_id(field_id: str) -> str:
    return f"{field_id}_limit"


def limit_attrs(limit: int) -> dict[str, object]:
    """The attributes of a field with a maximum (never `maxlength`, which cuts a paste)."""
    return {"data-limit": str(limit), "maxlength": False}


def counter(field_id: str, limit: int) -> SafeString:
    """The paragraph under a field that says how much is left (limits.js counts as you type).

    An f-string, not format_html: the rating grid calls it for each of 300 rows.
    """
    return mark_safe(
        f'<p class="limit" id="{escape(counter_id(field_id))}">'
        f"You can enter up to {limit:,} characters.</p>"
    )


class LimitedBoundField(BoundField):
    """A bound field that shows its maximum with a counter instead of cutting at it."""

    @property
    def limit(self) -> int | None:
        if self.is_hidden:
            return None
        return limit_of(self.field)

    @property
    def limit_counter(self) -> SafeString:
        limit = self.limit
        return counter(self.auto_id, limit) if limit and self.auto_id else SafeString("")

    @property
    def aria_describedby(self):
        described = super().aria_describedby
        if described is None or not (self.limit and self.auto_id):
            return described
        return " ".join(filter(None, [described, counter_id(self.auto_id)]))

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        limit = self.limit
        if limit:
            attrs.update(limit_attrs(limit))
        return attrs

    @property
    def data(self):
        data = super().data
        if isinstance(data, str):
            return data.replace("\r\n", "\n")
        return data


class FormRenderer(DjangoTemplates):
    bound_field_class = LimitedBoundField
