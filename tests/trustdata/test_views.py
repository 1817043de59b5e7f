"""Taking the data: the CEO asks for the archive, watches it, downloads it."""

import io
import zipfile

from trustdata.models import ArchiveStatus, TrustArchive


def test_the_ceo_asks_for_an_archive_and_is_shown_its_progress(client, mine):
    client.force_login(mine.users["ceo"])
    slug = mine.trust.slug

    response = client.post(f"/t/{slug}/leaving/")

    archive = TrustArchive.objects.get(trust=mine.trust, status=ArchiveStatus.QUEUED)
    assert response["Location"] == f"/t/{slug}/leaving/archives/{archive.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Waiting to be built" in page and 'hx-trigger="every 1s"' in page
    fragment = client.get(response["Location"], HTTP_HX_REQUEST="true").content.decode()
    assert fragment.startswith('<div id="archive-status"')


def test_asking_again_while_one_is_on_its_way_gives_that_one(client, mine):
    client.force_login(mine.users["ceo"])
    slug = mine.trust.slug
    first = client.post(f"/t/{slug}/leaving/")["Location"]

    second = client.post(f"/t/{slug}/leaving/")["Location"]

    assert first == second
    assert TrustArchive.objects.filter(trust=mine.trust, status=ArchiveStatus.QUEUED).count() == 1


def test_asking_again_resends_an_archive_whose_task_never_left(
    mine, django_capture_on_commit_callbacks
):
    from trustdata.services import archive_request

    archive = archive_request(trust=mine.trust, acting_user=mine.users["ceo"])
    with django_capture_on_commit_callbacks() as callbacks:
        again = archive_request(trust=mine.trust, acting_user=mine.users["ceo"])

    assert again.pk == archive.pk and len(callbacks) == 1


def test_the_ceo_downloads_a_ready_archive(client, mine):
    client.force_login(mine.users["ceo"])
    archive = mine.extra["archive"]

    response = client.get(f"/t/{mine.trust.slug}/leaving/archives/{archive.pk}/download/")

    assert response["Content-Type"] == "application/zip"
    assert response["Cache-Control"] == "private, no-store"
    data = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["README.txt"]


def test_an_archive_not_ready_is_not_downloaded(client, mine):
    client.force_login(mine.users["ceo"])
    queued = TrustArchive.objects.create(trust=mine.trust, requested_by=mine.users["ceo"])

    response = client.get(f"/t/{mine.trust.slug}/leaving/archives/{queued.pk}/download/")

    assert response.status_code == 404


def test_only_the_ceo_takes_the_data(client, mine):
    for role in ("admin", "trustee", "school_lead"):
        client.force_login(mine.users[role])
        assert client.get(f"/t/{mine.trust.slug}/leaving/").status_code == 403, role
