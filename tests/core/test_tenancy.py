"""Rows read back through TrustOwned.from_db, which skips Model.__init__: they must behave as
the rows Django's own constructor builds."""

from django.db.models import FileField
from django.db.models.fields.files import FileDescriptor
from django.db.models.signals import post_init

from plans.models import Action, RagRating
from trustplan.core.tenancy import _plain_rows


def _values(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def test_a_row_read_back_has_the_values_and_state_the_constructor_would_give_it(mine):
    action = mine.actions[0]

    fast = Action.objects.get(pk=action.pk, trust=mine.trust)
    slow = Action(**_values(fast))
    slow._state.adding, slow._state.db = False, "default"

    assert _values(fast) == _values(slow)
    assert (fast._state.adding, fast._state.db) == (False, "default")
    assert fast.get_deferred_fields() == set()
    assert fast == slow


def test_a_row_read_back_saves_follows_its_relations_and_refreshes(mine):
    rating = RagRating.objects.filter(trust=mine.trust).select_related("term").first()

    rating.commentary = "Read back, changed and saved."
    rating.save()
    rating.refresh_from_db()

    assert rating.commentary == "Read back, changed and saved."
    assert rating.term.annual_plan_id == mine.annual_plan.pk
    assert rating.action.trust_id == mine.trust.pk
    assert rating.history.first().commentary == "Read back, changed and saved."


def test_a_deferred_field_is_still_loaded_on_first_use(mine):
    action = Action.objects.only("id", "trust_id").get(pk=mine.actions[0].pk)

    assert action.get_deferred_fields() >= {"text", "reference"}
    assert action.text == mine.actions[0].text
    assert "text" not in action.get_deferred_fields()


def test_a_model_with_a_file_field_or_an_init_signal_is_built_by_django():
    class Listened:
        class _meta:  # the shape _plain_rows reads
            concrete_fields = []

    assert _plain_rows(Action) is True

    def receiver(**kwargs):
        pass

    post_init.connect(receiver, sender=Listened)
    try:
        assert _plain_rows(Listened) is False
    finally:
        post_init.disconnect(receiver, sender=Listened)

    class WithFile:
        attachment = FileDescriptor(FileField(name="attachment"))

        class _meta:
            concrete_fields = [type("F", (), {"attname": "attachment"})()]

    assert _plain_rows(WithFile) is False


# Every join between two tenant tables carries the trust (join_on_trust).


def test_a_join_to_a_tenant_table_carries_the_joining_rows_trust_in_both_directions(mine):
    from schools.models import Person

    forward = str(
        Action.objects.filter(trust=mine.trust).select_related("objective", "school").query
    )
    reverse = str(Person.objects.filter(trust=mine.trust, action_links__isnull=False).query)

    assert '"objectives_strategicobjective"."trust_id" = ("plans_action"."trust_id")' in forward
    assert 'LEFT OUTER JOIN "schools_school" ON' in forward
    assert '"schools_school"."trust_id" = ("plans_action"."trust_id")' in forward
    assert '"schools_person"."trust_id" = ("plans_actionowner"."trust_id")' in reverse


def test_a_row_pointing_at_another_trusts_row_never_reaches_it_through_a_join(mine, other):
    from django.db import connection, transaction

    action = mine.actions[0]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        # A forged key, as a bug or a bulk write that skipped the model's check might leave.
        Action.objects.filter(pk=action.pk).update(school=other.schools[0])

        joined = Action.objects.filter(trust=mine.trust, pk=action.pk).values_list(
            "school__name", flat=True
        )

        assert list(joined) == [None]
        transaction.set_rollback(True)
