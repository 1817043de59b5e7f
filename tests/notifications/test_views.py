"""The notifications page: what was e-mailed to me in this trust, and my choices."""

from notifications import services
from notifications.models import NotificationPreference


def test_the_page_lists_my_emails_only_and_saves_my_choices(client, mine, other):
    lead = mine.users["school_lead"]
    for world, user, subject in [
        (mine, lead, "Mine: a question on <1.1>"),
        (mine, mine.users["ceo"], "The CEO's"),
        (other, other.users["school_lead"], "Another trust's"),
    ]:
        services.email_queue(
            trust_id=world.trust.pk, recipient_id=user.pk, to=user.email, kind="question.raised",
            about="q", subject=subject, body="b",
        )  # fmt: skip
    client.force_login(lead)
    url = f"/t/{mine.trust.slug}/notifications/"

    body = client.get(url).content.decode()

    assert "Mine: a question on &lt;1.1&gt;" in body
    assert "The CEO" not in body and "Another trust" not in body
    choices = {kind: "immediate" for kind in services.kinds.BY_NAME}
    choices["rating.reminder"] = "digest"
    response = client.post(url, choices)
    assert response.status_code == 302
    assert list(
        NotificationPreference.objects.filter(user=lead).values_list(
            "trust__slug", "kind", "delivery"
        )
    ) == [("oak", "rating.reminder", "digest")]


def test_a_choice_that_is_not_offered_saves_nothing(client, mine):
    client.force_login(mine.users["trustee"])
    choices = {kind: "immediate" for kind in services.kinds.BY_NAME}
    choices["rating.reminder"] = "hourly"

    response = client.post(f"/t/{mine.trust.slug}/notifications/", choices)

    assert response.status_code == 200
    assert "nothing was saved" in response.content.decode()
    assert not NotificationPreference.objects.exists()
