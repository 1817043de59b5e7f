"""Form pieces every feature of the plan shares: a field for each of the trust's columns."""

from __future__ import annotations

from django import forms

from plans.columns import cells_of, trust_columns
from plans.models import PlanColumn


def column_field_name(column: PlanColumn) -> str:
    return f"column_{column.pk}"


class ColumnFieldsMixin:
    """Adds one text box per column of the trust at a level, so one trip enters a whole row.

    Call `add_columns(trust, level, row)` in `__init__` (row: the action, key focus or
    objective being edited, or None for a new one). The cleaned data then holds
    `columns`, {column id: text} for plans.columns.column_values_set, in place of the
    columns' own fields; `column_fields` are the bound fields in order.
    """

    columns: list[PlanColumn]

    def add_columns(self, trust, level: str, row=None, *, rows: int = 3) -> None:
        self.columns = trust_columns(trust, level=level)
        texts = {c.column.pk: c.text for c in cells_of(row, level, self.columns)} if row else {}
        for column in self.columns:
            self.fields[column_field_name(column)] = forms.CharField(
                label=column.word,
                required=False,
                max_length=column.max_length,
                initial=texts.get(column.pk, ""),
                widget=forms.Textarea(attrs={"rows": rows}),
            )

    @property
    def column_fields(self) -> list:
        return [self[column_field_name(c)] for c in self.columns]

    def clean(self):
        # The columns reach the services as one argument, columns={column id: text}.
        data = super().clean()
        data["columns"] = {c.pk: data.pop(column_field_name(c), "") for c in self.columns}
        return data

    def column_values(self) -> dict[int, str]:
        return self.cleaned_data["columns"]
