"""Leaving and erasure: the trust's archive, erasing a person, deleting a trust."""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from plans.models import Action
from schools.models import Invitation, Membership, Person, Trust
from trustdata import services
from trustdata.archive import build, csv_reader
from trustdata.models import ArchiveStatus, TrustArchive


def built(world) -> zipfile.ZipFile:
    out = io.BytesIO()
    build(world.trust, out, progress=lambda *_: None)
    return zipfile.ZipFile(io.BytesIO(out.getvalue()))


def test_the_archive_holds_a_json_and_a_csv_per_table_the_files_and_a_readme(mine):
    package = built(mine)

    names = package.namelist()
    root = names[0].split("/")[0]
    assert f"{root}/README.txt" in names
    for table in ("plans.Action", "schools.Person", "kpis.Measurement", "governance.Meeting"):
        assert f"{root}/tables/{table}.json" in names and f"{root}/tables/{table}.csv" in names
    assert f"{root}/history/plans.Action.json" in names
    actions = json.loads(package.read(f"{root}/tables/plans.Action.json"))
    assert sorted(a["text"] for a in actions) == sorted(a.text for a in mine.actions)
    rows = csv_reader(package.read(f"{root}/tables/plans.Action.csv"))
    assert rows[0][0] == "id" and len(rows) == 1 + len(mine.actions)
    assert any(n.startswith(f"{root}/files/board-packs/") for n in names)
    assert any(n.startswith(f"{root}/files/meeting-papers/") for n in names)
    readme = package.read(f"{root}/README.txt").decode()
    assert "plans.Action: 3 rows" in readme and "files/board-packs/" in readme


def test_the_archive_holds_nothing_of_another_trust_and_no_secret(mine, other):
    package = built(mine)

    tables = [n for n in package.namelist() if n.endswith((".json", ".csv"))]
    text = b"".join(package.read(n) for n in tables)
    assert other.trust.name.encode() not in text
    assert other.actions[0].text.encode() not in text
    # No column that holds a secret or its hash, in any table's JSON or CSV.
    secrets = ("token_hash", "secret_hash", "digest", "password")
    for name in tables:
        body = package.read(name).decode("utf-8-sig")
        if name.endswith(".csv"):
            header = body.splitlines()[0].split(",") if body else []
            assert not set(header) & set(secrets), name
        else:
            assert not any(f'"{secret}":' in body for secret in secrets), name


def test_asking_twice_gives_the_archive_already_on_its_way(mine):
    first = services.archive_request(trust=mine.trust, acting_user=mine.users["ceo"])
    second = services.archive_request(trust=mine.trust, acting_user=mine.users["ceo"])

    assert second.pk == first.pk and second.reused
    assert first.status == ArchiveStatus.QUEUED


def test_a_repeated_build_task_does_nothing(mine):
    archive = services.archive_request(trust=mine.trust, acting_user=mine.users["ceo"])
    assert services.archive_claim(archive_id=archive.pk, trust_id=mine.trust.pk) is not None

    assert services.archive_claim(archive_id=archive.pk, trust_id=mine.trust.pk) is None


def test_another_trusts_id_claims_nothing(mine, other):
    archive = services.archive_request(trust=mine.trust, acting_user=mine.users["ceo"])

    assert services.archive_claim(archive_id=archive.pk, trust_id=other.trust.pk) is None


# Erasure ----------------------------------------------------------------------------------


def test_erasing_a_person_replaces_their_name_everywhere_and_closes_their_account(mine):
    lead = mine.people["school_lead"]
    user = mine.users["school_lead"]
    old_name, old_initials = lead.full_name, lead.initials

    erased = services.person_erase(person=lead, acting_user=None)

    lead.refresh_from_db()
    user.refresh_from_db()
    assert lead.full_name == erased.name and lead.full_name.startswith("Erased person")
    assert lead.initials == erased.initials != old_initials
    assert not Person.history.filter(full_name=old_name).exists()
    assert not Person.history.filter(initials=old_initials).exists()
    assert user.full_name == erased.name and not user.is_active
    assert not user.has_usable_password() and user.email.endswith("@erased.invalid")
    assert not Membership.objects.get(user=user, trust=mine.trust).is_active
    # What they did stays: the action they own is still theirs, under the erased name.
    assert mine.lead_action.owner_links.get().person == lead


def test_erasure_removes_invitation_addresses_and_stored_archives(mine):
    invitation = mine.extra["invitation"]
    old_email = invitation.email
    archive = mine.extra["archive"]
    path = services.archive_path(archive.file_name)

    services.person_erase(person=invitation.person, acting_user=None)

    invitation.refresh_from_db()
    assert invitation.email.endswith("@erased.invalid")
    assert not Invitation.history.filter(email=old_email).exists()
    assert not path.exists() and not TrustArchive.objects.filter(trust=mine.trust).exists()


def test_erasing_someone_of_two_trusts_keeps_their_account_for_the_other(mine, other):
    user = mine.users["viewer"]
    Membership.objects.create(trust=other.trust, user=user, role="viewer")

    erased = services.person_erase(person=mine.people["viewer"], acting_user=None)

    user.refresh_from_db()
    assert user.is_active and "kept" in erased.account
    assert Membership.objects.get(trust=other.trust, user=user).is_active


# Deleting a trust -------------------------------------------------------------------------


def test_a_trust_is_not_deleted_before_its_grace_period_ends(mine):
    from django.core.exceptions import ValidationError

    Trust.objects.filter(pk=mine.trust.pk).update(
        deletion_due_at=timezone.now() + datetime.timedelta(days=1)
    )

    with pytest.raises(ValidationError):
        services.trust_delete(trust=mine.trust)
    assert services.trustdata_sweep().deleted == []


def test_the_sweep_deletes_a_trust_due_its_rows_history_files_and_lonely_accounts(
    mine, other, django_capture_on_commit_callbacks
):
    Trust.objects.filter(pk=mine.trust.pk).update(
        deletion_due_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    users = [u.pk for u in mine.users.values()]
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "boardpacks" / str(mine.trust.pk)
    assert folder.exists()

    with django_capture_on_commit_callbacks(execute=True):
        result = services.trustdata_sweep()

    assert result.deleted == [mine.trust.slug]
    assert not Trust.objects.filter(pk=mine.trust.pk).exists()
    assert not Action.history.filter(trust_id=mine.trust.pk).exists()
    assert not Trust.history.filter(id=mine.trust.pk).exists()
    assert not folder.exists()
    from trustplan.models import User

    assert not User.objects.filter(pk__in=users).exists()
    assert Action.objects.filter(trust=other.trust).count() == 3


def test_a_meeting_paper_is_named_by_the_meetings_day_in_london_not_in_utc(mine):
    from governance.models import Meeting, MeetingPaper
    from trustdata.archive import stored_files

    paper = MeetingPaper.objects.filter(trust=mine.trust).select_related("meeting").first()
    # 00:30 on 1 July in London is 23:30 on 30 June in UTC.
    half_past_midnight = datetime.datetime(2020, 6, 30, 23, 30, tzinfo=datetime.UTC)
    Meeting.objects.filter(pk=paper.meeting_id).update(starts_at=half_past_midnight)

    names = [f.name for f in stored_files(mine.trust) if f.folder == "meeting-papers"]

    assert any(name.startswith("2020-07-01") for name in names), names
    assert not any(name.startswith("2020-06-30") for name in names), names
