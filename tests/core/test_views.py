from tests import factories as f


def test_a_user_of_one_trust_lands_on_its_home_page(client, mine):
    client.force_login(mine.users["trustee"])

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == f"/t/{mine.trust.slug}/"


def test_a_user_of_several_trusts_chooses_and_can_switch(client, mine, other):
    user = mine.users["ceo"]
    f.MembershipFactory(trust=other.trust, user=user, role="trustee")
    client.force_login(user)

    body = client.get("/").content.decode()
    assert mine.trust.name in body and other.trust.name in body
    assert "Switch trust" in client.get(f"/t/{other.trust.slug}/").content.decode()


def test_a_user_of_one_trust_is_not_offered_a_switch(client, mine):
    client.force_login(mine.users["ceo"])

    assert "Switch trust" not in client.get(f"/t/{mine.trust.slug}/").content.decode()


def test_a_user_of_no_trust_is_told_to_ask_for_an_invitation(client, db):
    client.force_login(f.UserFactory())

    assert "not a member of any trust yet" in client.get("/").content.decode()
