"""The rating grid's rows, rendered in Python.

The grid shows up to 300 rows and must render in well under 150 ms; the template engine spent
about half a millisecond a row. Every value from the database is escaped with html.escape, as
a template would escape it; tests/plans/test_grid.py feeds markup through every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from html import escape

from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from plans.models import COMMENTARY_MAX_LENGTH, Rag, Term, TermStatus
from plans.review.selectors import ReviewRow
from plans.templatetags.rag import rag
from trustplan.core.limits import counter

CHOICES = [("", "— choose —"), *Rag.choices]
_e = partial(escape, quote=True)


def columns_details(action) -> str:
    """The trust's columns marked for the grid (plans.columns.attach_row_cells), collapsed
    under the action's text: one <details>, nothing when it has no text in any of them."""
    cells = [c for c in getattr(action, "column_cells", ()) if c.text.strip()]
    if not cells:
        return ""
    names = ", ".join(_e(c.word) for c in cells)
    body = "".join(f'<dt>{_e(c.word)}</dt><dd class="prose">{_e(c.text)}</dd>' for c in cells)
    return (
        f'<details class="grid-columns"><summary>{names}</summary>'
        f'<dl class="details">{body}</dl></details>'
    )


@dataclass
class GridPage:
    """What every row of one term's grid shares: URLs, options, the trust's setting."""

    term: Term
    previous: Term | None
    frozen: bool
    needs_commentary: bool
    action_url: str  # completed with "<action id>/"
    cell_url: str  # completed with "<action id>/" or "<action id>/accept/"
    options: dict[str, SafeString]
    owners_label: str = "Owners"
    action_word: str = "action"  # the trust's own, lower case, escaped
    badges: dict[str, str] = field(default_factory=dict)
    saved_badges: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for status, _ in CHOICES:
            self.badges[status] = rag(status)
            self.saved_badges[status] = rag(status, "Saved:")

    @classmethod
    def for_term(cls, trust, term: Term, previous: Term | None = None) -> GridPage:
        def prefix(name: str, *args) -> str:
            # The routes end in <int:action_id>/: reverse once per page, not per row.
            return reverse(name, args=[*args, 0]).removesuffix("0/")

        options = {
            current: format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (v, mark_safe(" selected") if v == current else "", label)
                    for v, label in CHOICES
                ),
            )
            for current, _ in CHOICES
        }
        return cls(
            term=term,
            previous=previous,
            frozen=term.status != TermStatus.OPEN,
            needs_commentary=trust.commentary_required_for_red_amber,
            action_url=prefix("action_detail", trust.slug),
            cell_url=prefix("rating_cell", trust.slug, term.pk),
            options=options,
            owners_label=_e(trust.labels["owners"]),
            action_word=_e(trust.labels["action"].lower()),
        )

    def row(self, row: ReviewRow, *, oob: bool = False) -> SafeString:
        # Plain f-strings with html.escape on every value from the database: format_html
        # costs five times as much, and this runs 300 times a page. Badges and options are
        # built once per page (see for_term) and are already safe.
        action, this, last = row.action, row.this, row.last
        pk, ref, term = action.pk, _e(action.full_reference), _e(self.term.name)
        disabled = " disabled" if self.frozen else ""
        oob = ' hx-swap-oob="true"' if oob else ""
        live = (
            ""
            if self.frozen
            else f' hx-post="{self.cell_url}{pk}/" hx-trigger="change" hx-include="#row-{pk}"'
            ' hx-swap="none" hx-sync="this:queue all"'
        )
        last_cell = self.badges[last.status if last else ""]
        if last and last.commentary:
            last_cell += f'<p class="grid-last">{_e(last.commentary)}</p>'
        previous = _e(self.previous.name) if self.previous else "Last term"
        return mark_safe(
            f'<tr id="row-{pk}" class="grid-row{" grid-row--unrated" if not row.status else ""}"'
            f"{live}{oob}>"
            f'<th scope="row" class="grid-ref">{ref}</th>'
            f'<td class="grid-action"><a href="{self.action_url}{pk}/">{_e(action.text)}</a>'
            f"{columns_details(action)}</td>"
            f'<td class="grid-owners" data-label="{self.owners_label}">{_e(row.owners or "—")}'
            "</td>"
            f'<td class="grid-previous" data-label="{previous}">{last_cell}</td>'
            '<td class="grid-rating">'
            f'<input type="hidden" name="version" id="version-{pk}"'
            f' value="{this.version if this else 0}">'
            f'<label class="visually-hidden" for="status-{pk}">{term} rating for '
            f"{self.action_word} {ref}</label>"
            f'<select name="status" id="status-{pk}"{disabled} aria-describedby="saved-{pk}">'
            f"{self.options[row.status]}</select>"
            f'<span id="saved-{pk}" class="grid-saved">{self.saved_badges[row.status]}</span>'
            f"{self._carry(row)}{self._proposal(row)}</td>"
            '<td class="grid-commentary">'
            f'<label class="visually-hidden" for="commentary-{pk}">{term} commentary for '
            f"{self.action_word} {ref}</label>"
            f'<div class="grid-box limit-float"><textarea name="commentary"'
            f' id="commentary-{pk}" rows="2" data-limit="{COMMENTARY_MAX_LENGTH}"{disabled}'
            f' aria-describedby="need-{pk} state-{pk} commentary-{pk}_limit">'
            f"{_e(this.commentary) if this else ''}</textarea>"
            f"{counter(f'commentary-{pk}', COMMENTARY_MAX_LENGTH)}</div>"
            f"{self.need(action, this)}"
            f'<p class="grid-state" id="state-{pk}"></p>'
            "</td></tr>"
        )

    def need(self, action, this, *, oob: bool = False) -> str:
        """Why the row's commentary needs a look (missing where the trust asks for one, or
        written for an earlier rating), and the button that keeps an earlier one on purpose.
        oob: for a saved row's response, which replaces both in place."""
        pk, swap = action.pk, ' hx-swap-oob="true"' if oob else ""
        text = ""
        if this is not None:
            text = (this.commentary_warning if self.needs_commentary else "") or (
                this.outdated_warning
            )
        warning = f'<span aria-hidden="true">⚠</span> {_e(text)}' if text else ""
        button = ""
        if this is not None and this.commentary_outdated and not self.frozen:
            button = (
                '<button type="button" class="button button--small"'
                f' hx-post="{self.cell_url}{pk}/keep/" hx-include="#version-{pk}"'
                ' hx-swap="none">Keep this commentary<span class="visually-hidden"> for '
                f"{self.action_word} {_e(action.full_reference)}</span></button>"
            )
        return (
            f'<p class="grid-need" id="need-{pk}"{swap}>{warning}</p>'
            f'<div class="grid-keep" id="keep-{pk}"{swap}>{button}</div>'
        )

    def _carry(self, row: ReviewRow) -> str:
        """ "Unchanged since Autumn", or the button (key S) that keeps last term's rating."""
        if row.carried_since is not None:
            return f'<p class="grid-carried">Unchanged since {_e(row.carried_since.name)}</p>'
        if self.frozen or not (row.last and row.last.status) or self.previous is None:
            return ""
        pk = row.action.pk
        return (
            f'<button type="button" class="button button--small grid-carry" id="carry-{pk}"'
            f' hx-post="{self.cell_url}{pk}/carry/" hx-include="#version-{pk}" hx-swap="none"'
            f' aria-keyshortcuts="S">Same as {_e(self.previous.name)}<span'
            f' class="visually-hidden"> for {self.action_word}'
            f" {_e(row.action.full_reference)}</span></button>"
        )

    def _proposal(self, row: ReviewRow) -> str:
        this = row.this
        if not (this and this.proposed_status):
            return ""
        pk, ref = row.action.pk, _e(row.action.full_reference)
        who = _e(
            this.proposed_by.get_full_name()
            if this.proposed_by
            else f"the {self.action_word}'s owner"
        )
        said = f" “{_e(this.proposed_commentary)}”" if this.proposed_commentary else ""
        button = ""
        if not self.frozen:
            button = (
                f'<button type="button" class="button button--small"'
                f' hx-post="{self.cell_url}{pk}/accept/"'
                f' hx-vals=\'{{"version": "{this.version}"}}\' hx-target="#row-{pk}"'
                ' hx-swap="outerHTML">Accept proposal'
                f'<span class="visually-hidden"> for {self.action_word} {ref}</span></button>'
            )
        return (
            f'<div class="grid-proposal"><p>Proposed by {who}: '
            f"{self.badges[this.proposed_status]}{said}</p>{button}</div>"
        )
