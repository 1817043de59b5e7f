"""The grid rows are built in Python for speed: every user-supplied value must be escaped."""

from plans.models import RagRating
from plans.review.grid import GridPage
from plans.review.selectors import term_review

MARKUP = '<img src=x onerror="alert(1)">&'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;"


def test_every_user_value_in_a_grid_row_is_escaped(mine):
    action = mine.lead_action
    action.text = f"Text {MARKUP}"
    action.owner_note = f"Note {MARKUP}"
    action.save()
    term = mine.terms[1]
    term.name = f"Spring {MARKUP}"
    term.save()
    proposer = mine.users["school_lead"]
    proposer.full_name = f"Lead {MARKUP}"
    proposer.save()
    RagRating.objects.filter(action=action, term=mine.terms[0]).update(commentary=f"Last {MARKUP}")
    RagRating.objects.create(
        trust=mine.trust, action=action, term=term, status="red", commentary=f"This {MARKUP}",
        proposed_status="amber", proposed_commentary=f"Proposed {MARKUP}", proposed_by=proposer,
    )  # fmt: skip

    review = term_review(mine.annual_plan, term)
    row = next(r for r in review.rows if r.action == action)
    html = GridPage.for_term(mine.trust, term).row(row)

    assert "<img" not in html
    for label in ["Text", "Note", "Spring", "Lead", "Last", "This", "Proposed"]:
        assert f"{label} {ESCAPED}" in html, label


def test_a_frozen_terms_rows_have_no_live_saving_and_disabled_controls(mine):
    term = mine.terms[0]
    term.status = "submitted"
    review = term_review(mine.annual_plan, term)

    html = GridPage.for_term(mine.trust, term).row(review.rows[0])

    assert "hx-post" not in html
    assert html.count(" disabled") == 2
