"""Meeting papers: checked by name, size and content; stored privately; served with a check."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from governance import papers, services
from governance.models import MeetingPaper
from tests.governance import files


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("minutes.pdf", files.PDF, "pdf"),
        ("Report.PDF", files.PDF, "pdf"),
        ("report.docx", files.ooxml("word"), "docx"),
        ("budget.xlsx", files.ooxml("xl"), "xlsx"),
        ("slides.pptx", files.ooxml("ppt"), "pptx"),
        ("old report.doc", files.ole("WordDocument"), "doc"),
        ("old budget.xls", files.ole("Workbook"), "xls"),
        ("old slides.ppt", files.ole("PowerPoint Document"), "ppt"),
    ],
)
def test_pdf_and_office_files_are_accepted(name, content, kind):
    assert papers.check_paper(files.upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("payload.exe", b"MZ\x90\x00", "is not a paper we accept"),
        ("notes.txt", b"hello", "is not a paper we accept"),
        ("report.pdf.html", files.PDF, "is not a paper we accept"),
        ("no-extension", files.PDF, "is not a paper we accept"),
        ("report.docm", files.ooxml("word", macros=True), "is not a paper we accept"),
    ],
)
def test_files_of_the_wrong_type_are_refused_by_name(name, content, message):
    with pytest.raises(ValidationError) as error:
        papers.check_paper(files.upload(name, content))

    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.pdf", files.ooxml("word")),  # a Word file renamed .pdf
        ("report.docx", files.PDF),
        ("report.docx", files.ooxml("xl")),  # a spreadsheet renamed .docx
        ("report.docx", b"PK\x03\x04 but not really a zip"),
        ("report.xlsx", files.ole("Workbook")),
        ("report.doc", files.ole("Workbook")),  # a legacy spreadsheet renamed .doc
        ("report.doc", b"MZ\x90\x00" + b"\x00" * 600),
        ("report.ppt", files.PDF),
    ],
)
def test_a_file_whose_content_does_not_match_its_name_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        papers.check_paper(files.upload(name, content))

    assert "does not contain what its name says" in error.value.messages[0]


def test_office_files_with_macros_are_refused():
    with pytest.raises(ValidationError) as error:
        papers.check_paper(files.upload("report.docx", files.ooxml("word", macros=True)))

    assert "contains macros" in error.value.messages[0]


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.MEETING_PAPER_MAX_BYTES = 1000

    with pytest.raises(ValidationError) as error:
        papers.check_paper(files.upload("big.pdf", files.PDF + b"0" * 1000))

    assert "the limit is 1000" in error.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        papers.check_paper(files.upload("empty.pdf", b""))

    assert "is empty" in error.value.messages[0]


def test_an_uploaded_paper_is_stored_privately_under_a_name_of_our_own(mine):
    meeting = mine.extra["board_meeting"]

    paper = services.paper_upload(
        meeting=meeting,
        title="",
        upload=files.upload("../../etc/passwd.pdf", files.PDF),
        acting_user=mine.users["admin"],
    )

    path = papers.absolute_path(paper.file_name)
    root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    assert path.is_relative_to(root)
    assert path.read_bytes() == files.PDF
    assert "passwd" not in paper.file_name
    assert paper.file_name.startswith(f"meeting-papers/{mine.trust.pk}/")
    assert paper.bytes == len(files.PDF)
    assert len(paper.checksum) == 64
    assert not path.is_relative_to(Path(settings.STATIC_ROOT).resolve())


def test_a_refused_upload_stores_nothing(mine):
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "meeting-papers" / str(mine.trust.pk)
    before = sorted(folder.iterdir())

    with pytest.raises(ValidationError):
        services.paper_upload(
            meeting=mine.extra["board_meeting"],
            title="Fake",
            upload=files.upload("fake.pdf", b"not a pdf"),
            acting_user=None,
        )

    assert sorted(folder.iterdir()) == before
    assert not MeetingPaper.objects.filter(title="Fake").exists()


def test_a_stored_name_cannot_lead_outside_the_private_folder():
    with pytest.raises(ValueError):
        papers.absolute_path("../../trustplan/settings.py")


def test_removing_a_paper_deletes_its_file_once_committed(mine, django_capture_on_commit_callbacks):
    paper = mine.extra["local_paper"]
    paper_id, path = paper.pk, papers.absolute_path(paper.file_name)

    with django_capture_on_commit_callbacks(execute=True):
        services.paper_remove(paper=paper, acting_user=mine.users["admin"])

    assert not path.exists()
    assert not MeetingPaper.objects.filter(pk=paper_id).exists()
    assert MeetingPaper.history.filter(id=paper_id, history_type="-").exists()


def test_a_file_name_too_long_for_a_title_is_refused_with_the_limit_not_cut(client, mine):
    meeting = mine.extra["board_meeting"]
    name = "Finance and audit committee report " * 6 + ".pdf"  # 214 characters
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "meeting-papers" / str(mine.trust.pk)
    before = sorted(folder.iterdir())
    client.force_login(mine.users["admin"])

    response = client.post(
        f"/t/{mine.trust.slug}/governance/meetings/{meeting.pk}/papers/new/",
        {"title": "", "file": files.upload(name, files.PDF)},
    )

    assert response.status_code == 200
    assert (
        "The file&#x27;s name is 214 characters long; a paper&#x27;s title is at most 200. "
        "Give the paper a shorter title." in response.content.decode()
    )
    assert not MeetingPaper.objects.filter(meeting=meeting).exists()
    assert sorted(folder.iterdir()) == before
