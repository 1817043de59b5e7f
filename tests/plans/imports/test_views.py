"""The import's pages as the CEO uses them: upload, mapping, preview, a corrected file, save."""

from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import Action, PlanImport
from tests.plans.imports import documents as d


def upload(client, started, name, data):
    return client.post(
        f"/t/{started.trust.slug}/import/",
        {"file": SimpleUploadedFile(name, data), "annual_plan": started.annual_plan.pk},
    )


def test_the_ceo_uploads_maps_previews_fixes_and_saves(client, new_trust):
    client.force_login(new_trust.ceo)
    slug = new_trust.trust.slug
    response = upload(client, new_trust, "plan.docx", d.seed_docx(duplicate_reference=True))
    plan_import = PlanImport.objects.get()
    assert response["Location"] == f"/t/{slug}/import/{plan_import.pk}/mapping/"

    page = client.get(response["Location"]).content.decode()
    assert "Key Performance Indicators/Impact" in page
    assert "Initials nobody in the trust has" in page and "NB" in page

    form = {f"column_{i}": t for i, t in enumerate(["reference", "action", "column:kpis",
                                                    "column:evidence"])}  # fmt: skip
    form |= {f"heading_{i}": h for i, h in enumerate(d.SEED_HEADER)}
    for index, initials in enumerate(["AA", "AW", "CS", "LL", "NB"]):
        form |= {f"person_{index}_initials": initials, f"person_{index}_add": "add",
                 f"person_{index}_name": f"Person {initials}"}  # fmt: skip
    form |= {"split_actions": "on", "owners_in_brackets": "on"}
    response = client.post(f"/t/{slug}/import/{plan_import.pk}/mapping/", form)
    assert response["Location"] == f"/t/{slug}/import/{plan_import.pk}/"

    page = client.get(response["Location"]).content.decode()
    assert "1 problem to put right: nothing has been saved" in page
    assert "Table 2, row 3, cell 1 (Ref): the reference 2.1 is used twice" in page
    assert "Save the plan" not in page

    response = client.post(
        f"/t/{slug}/import/{plan_import.pk}/file/",
        {"file": SimpleUploadedFile("plan-fixed.docx", d.seed_docx())},
    )
    page = client.get(response["Location"]).content.decode()
    assert "problem" not in page.split("What saving will do")[0]
    assert "<strong>19</strong> new actions" in page

    response = client.post(f"/t/{slug}/import/{plan_import.pk}/save/")
    assert response["Location"] == f"/t/{slug}/authoring/plans/{new_trust.annual_plan.pk}/"
    assert Action.objects.filter(trust=new_trust.trust).count() == 19
    page = client.get(response["Location"]).content.decode()
    assert "Imported: 19 new and 0 changed actions" in page


def test_a_refused_file_is_named_on_the_upload_page(client, new_trust):
    client.force_login(new_trust.ceo)

    response = upload(client, new_trust, "plan.xlsm", d.headed_xlsx(merged=False))

    assert response.status_code == 200
    assert "macro-enabled" in response.content.decode()
    assert not PlanImport.objects.exists()


def test_saving_a_file_with_problems_saves_nothing_and_shows_them(client, new_trust):
    client.force_login(new_trust.ceo)
    upload(client, new_trust, "plan.csv", d.csv_file([["1. Vision", "", "1", "A", "ZZ", "", ""]]))
    plan_import = PlanImport.objects.get()

    response = client.post(f"/t/{new_trust.trust.slug}/import/{plan_import.pk}/save/")

    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert "initials ZZ (Row 2, column E (Owners))" in response.content.decode()
    assert not Action.objects.filter(trust=new_trust.trust).exists()


def test_a_template_can_be_downloaded_in_each_format_and_imports_back(client, new_trust):
    from tests.plans.imports.helpers import import_and_save

    client.force_login(new_trust.ceo)
    for fmt in ("docx", "xlsx", "csv"):
        response = client.get(f"/t/{new_trust.trust.slug}/import/template.{fmt}")
        assert response.status_code == 200
        assert response["Content-Disposition"] == f'attachment; filename="plan-template.{fmt}"'
        data = b"".join(response.streaming_content) if response.streaming else response.content
        summary = import_and_save(new_trust, f"template.{fmt}", data)
        # Each template's two example rows are the same two actions (1.1 and 1.2).
        read = sum(summary[k] for k in ("actions_created", "actions_changed", "actions_unchanged"))
        assert read == 2, fmt


def test_a_discarded_import_can_no_longer_be_saved(client, new_trust):
    client.force_login(new_trust.ceo)
    upload(client, new_trust, "plan.csv", d.csv_file(d.HEADED_ROWS))
    plan_import = PlanImport.objects.get()
    slug = new_trust.trust.slug

    client.post(f"/t/{slug}/import/{plan_import.pk}/discard/")
    response = client.post(f"/t/{slug}/import/{plan_import.pk}/save/")

    assert response["Location"] == f"/t/{slug}/import/"
    assert not Action.objects.filter(trust=new_trust.trust).exists()


def test_a_school_lead_cannot_import(client, mine):
    client.force_login(mine.users["school_lead"])

    assert client.get(f"/t/{mine.trust.slug}/import/").status_code == 403
