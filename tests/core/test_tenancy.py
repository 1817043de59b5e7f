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

    assert action.get_deferred_fields() >= {"text", "kpis"}
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
