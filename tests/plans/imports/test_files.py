"""Files the import refuses, each with its own message, and nothing kept of them."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from plans.imports import services
from plans.imports.files import check_file
from plans.models import Action, PlanImport
from tests.plans.imports import documents as d
from tests.snapshot import snapshot


def start(new_trust, name: str, data: bytes):
    return services.plan_import_start(
        trust=new_trust.trust,
        file_name=name,
        data=data,
        annual_plan=new_trust.annual_plan,
        acting_user=new_trust.ceo,
    )


def refused(new_trust, name: str, data: bytes) -> str:
    before = snapshot()
    with pytest.raises(ValidationError) as caught:
        start(new_trust, name, data)
    assert snapshot() == before
    assert not PlanImport.objects.exists()
    return " ".join(caught.value.messages)


def test_a_file_over_the_size_limit_is_refused_with_the_limit(new_trust, settings):
    settings.PLAN_IMPORT_MAX_BYTES = 1000

    message = refused(new_trust, "plan.csv", b"a," * 600)

    assert "plan.csv" in message and "1000" in message.replace(",", "").replace("\xa0", "")


def test_the_default_size_limit_is_ten_megabytes(settings):
    assert settings.PLAN_IMPORT_MAX_BYTES == 10 * 1024 * 1024


def test_an_empty_file_is_refused(new_trust):
    assert "is empty" in refused(new_trust, "plan.csv", b"")


@pytest.mark.parametrize("name", ["plan.docm", "plan.xlsm"])
def test_a_macro_enabled_file_is_refused_by_its_name(new_trust, name):
    assert "macro-enabled" in refused(new_trust, name, d.seed_docx())


def test_a_docx_carrying_a_macro_project_is_refused(new_trust):
    data = d.with_member(d.seed_docx(), "word/vbaProject.bin", b"\x00macro")

    assert "contains macros" in refused(new_trust, "plan.docx", data)


def test_an_xlsx_whose_content_types_declare_macros_is_refused(new_trust):
    data = d.headed_xlsx(merged=False)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml"
                )
            package.writestr(info, content)

    assert "macro-enabled" in refused(new_trust, "plan.xlsx", out.getvalue())


def test_an_archive_that_expands_too_far_is_refused(new_trust, settings):
    settings.PLAN_IMPORT_MAX_EXPANDED_BYTES = 5 * 1024 * 1024
    data = d.with_member(d.seed_docx(), "word/media/padding.xml", b" " * (6 * 1024 * 1024))

    assert "would expand to" in refused(new_trust, "plan.docx", data)


def test_a_part_that_shrinks_like_a_zip_bomb_is_refused(new_trust):
    data = d.with_member(d.seed_docx(), "word/bomb.xml", b"\x00" * (4 * 1024 * 1024))

    assert "archive bombs" in refused(new_trust, "plan.docx", data)


def test_a_spreadsheet_renamed_docx_is_refused_for_what_it_is(new_trust):
    message = refused(new_trust, "plan.docx", d.headed_xlsx(merged=False))

    assert "an Excel workbook renamed .docx" in message


def test_a_zip_that_is_no_office_file_is_refused(new_trust):
    data = d.zip_with({"notes.txt": b"hello"})

    assert "is not a Word document" in refused(new_trust, "plan.docx", data)


def test_an_old_binary_office_file_renamed_xlsx_is_refused(new_trust):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512

    assert "older Office file" in refused(new_trust, "plan.xlsx", data)


def test_a_word_document_renamed_csv_is_refused(new_trust):
    assert "a Word document, not a CSV file" in refused(new_trust, "plan.csv", d.seed_docx())


def test_a_binary_file_renamed_csv_is_refused(new_trust):
    assert "it is not text" in refused(new_trust, "plan.csv", b"\x00\x01\x02binary")


@pytest.mark.parametrize(
    ("name", "words"),
    [("plan.doc", "older Word 97-2003"), ("plan.pdf", "cannot be imported"), ("plan", "cannot")],
)
def test_other_kinds_of_file_are_refused_with_what_to_do(new_trust, name, words):
    assert words in refused(new_trust, name, b"%PDF-1.4 something")


def test_xml_that_declares_entities_is_refused():
    data = d.with_member(
        d.seed_docx(),
        "customXml/item9.xml",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>',
    )

    with pytest.raises(ValidationError, match="declares XML entities"):
        check_file("plan.docx", data)


def test_a_file_with_too_many_rows_is_refused_naming_the_limit(new_trust, settings):
    settings.PLAN_IMPORT_MAX_ROWS = 10
    rows = [["1. Vision", "", str(n), f"Action {n}", "AL", "", ""] for n in range(20)]

    message = refused(new_trust, "plan.csv", d.csv_file(rows))

    assert "more than 10 rows" in message and "row 11" in message


def test_a_sheet_with_too_many_rows_is_refused_before_it_is_loaded(new_trust, settings):
    settings.PLAN_IMPORT_MAX_ROWS = 5
    rows = [["1. Vision", "", str(n), f"Action {n}", "AL", "", ""] for n in range(10)]

    message = refused(new_trust, "plan.xlsx", d.headed_xlsx(merged=False, rows=rows))

    assert "more than 5 rows" in message and "Plan 2019-20" in message


def test_a_table_too_wide_is_refused(new_trust, settings):
    settings.PLAN_IMPORT_MAX_COLUMNS = 5

    message = refused(new_trust, "plan.csv", d.csv_file(d.HEADED_ROWS))

    assert "7 columns" in message and "at most 5" in message


def test_a_cell_too_long_is_refused_naming_its_place(new_trust, settings):
    settings.PLAN_IMPORT_MAX_CELL_CHARS = 100
    rows = [["1. Vision", "", "1", "x" * 150, "AL", "", ""]]

    message = refused(new_trust, "plan.xlsx", d.headed_xlsx(merged=False, rows=rows))

    assert "row 2, column D" in message and "150 characters" in message


def test_a_damaged_document_is_refused_as_damaged(new_trust):
    data = d.zip_with(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not really word>"}
    )

    assert "may be damaged" in refused(new_trust, "plan.docx", data)


def test_a_refused_file_leaves_no_stored_file_behind(new_trust, settings):
    from pathlib import Path

    refused(new_trust, "plan.docm", d.seed_docx())

    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "plan-imports" / str(new_trust.trust.pk)
    assert not folder.exists() or not any(folder.iterdir())
    assert not Action.objects.filter(trust=new_trust.trust).exists()
