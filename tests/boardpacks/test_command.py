import io

import pytest
from django.core.management import CommandError, call_command

from boardpacks.models import BoardPack
from tests.factories import mark_submitted

pytestmark = pytest.mark.worker


def test_the_command_requests_a_pack_and_waits_for_the_worker(celery_worker, mine):
    out = io.StringIO()
    mark_submitted(mine.terms[1])

    call_command("boardpack", mine.trust.slug, "--term", "spring", "--wait", stdout=out)

    pack = BoardPack.objects.get(trust=mine.trust, term=mine.terms[1])
    lines = out.getvalue().splitlines()
    assert lines[0] == f"Requested Spring 2019-20, version 1 (pack {pack.pk})."
    assert lines[1].startswith("File: ") and lines[1].endswith(".pdf")
    assert lines[2] == f"Pages: {pack.pages}"
    assert lines[3] == f"Render time: {pack.render_seconds:.2f} s"


def test_the_command_names_the_terms_when_asked_for_one_that_does_not_exist(mine):
    with pytest.raises(CommandError, match="The plan's terms: Autumn, Spring"):
        call_command("boardpack", mine.trust.slug, "--term", "Winter")


def test_the_command_refuses_someone_who_may_not_request_packs(mine):
    with pytest.raises(CommandError, match="may not request board packs"):
        call_command("boardpack", mine.trust.slug, "--user", mine.users["trustee"].email)


def test_the_command_packs_the_term_submitted_last_when_no_term_is_named(celery_worker, mine):
    mark_submitted(mine.terms[0])
    out = io.StringIO()

    call_command("boardpack", mine.trust.slug, stdout=out)

    newest = BoardPack.objects.filter(trust=mine.trust, body=None).latest("version")
    assert out.getvalue().startswith(f"Requested Autumn 2019-20, version {newest.version}")
    assert newest.term == mine.terms[0]


def test_the_command_says_so_when_no_term_has_been_submitted(mine):
    with pytest.raises(CommandError, match=r"No term of .* has been submitted to the board yet"):
        call_command("boardpack", mine.trust.slug)


def test_the_command_refuses_an_open_term_in_one_line(mine):
    with pytest.raises(CommandError, match="Spring is still open for rating"):
        call_command("boardpack", mine.trust.slug, "--term", "Spring")
    assert not BoardPack.objects.filter(trust=mine.trust, term=mine.terms[1]).exists()
