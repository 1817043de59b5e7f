import pytest

from tests import factories as f


@pytest.fixture
def superuser(db):
    return f.UserFactory(email="root@trustplan.test", is_staff=True, is_superuser=True)


def test_the_admin_lists_a_trusts_actions_with_owners_and_current_rating(client, superuser, mine):
    client.force_login(superuser)

    response = client.get("/admin/plans/action/", {"trust__id__exact": mine.trust.pk})

    assert response.status_code == 200
    body = response.content.decode()
    lead_initials = mine.people["school_lead"].initials
    assert f'<td class="field-owners_display">{lead_initials}</td>' in body
    assert '<td class="field-current_rating_display">Green</td>' in body
    assert "1.1" in body


def test_the_admin_filters_actions_by_current_rating(client, superuser, mine):
    client.force_login(superuser)

    response = client.get(
        "/admin/plans/action/", {"trust__id__exact": mine.trust.pk, "rating": "red"}
    )

    assert response.context["cl"].result_count == 1
    assert response.context["cl"].result_list[0] == mine.other_action


def test_the_admin_is_for_superusers_only(client, mine):
    ceo = mine.users["ceo"]
    ceo.is_staff = True
    ceo.save()
    client.force_login(ceo)

    response = client.get("/admin/plans/action/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
