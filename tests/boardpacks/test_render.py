"""The PDF itself: what WeasyPrint may fetch, and what the document says about itself."""

import base64
import io
import logging

import pytest
from pypdf import PdfReader

from boardpacks.render import BASE_URL, StaticFilesOnly, html_to_pdf, static_file

PACK_CSS = BASE_URL + "static/boardpacks/pack.css"


def test_the_fetcher_serves_the_packs_own_stylesheet():
    response = StaticFilesOnly().fetch(PACK_CSS)

    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://169.254.169.254/",
        BASE_URL + "static/../../../../etc/passwd",
        BASE_URL + "static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        BASE_URL + "etc/passwd",
        "https://example.org/static/boardpacks/pack.css",
        "data:text/html,<script>alert(1)</script>",
        "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
        "data:image/png;base64," + "A" * 60_000,
        "ftp://127.0.0.1/secret",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files_and_logs_it(url, caplog):
    fetcher = StaticFilesOnly()

    with caplog.at_level(logging.WARNING, logger="boardpacks.render"), pytest.raises(ValueError):
        fetcher.fetch(url)

    assert fetcher.refused == [url]
    assert "refused to fetch" in caplog.text


def test_a_small_image_in_a_data_url_is_allowed():
    pixel = base64.b64encode(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
        )
    ).decode()

    response = StaticFilesOnly().fetch(f"data:image/png;base64,{pixel}")

    assert response.read().startswith(b"\x89PNG")


def test_a_path_that_climbs_out_of_the_static_folders_is_not_a_static_file():
    assert static_file(BASE_URL + "static/boardpacks/pack.css") is not None
    assert static_file(BASE_URL + "static/../trustplan/settings.py") is None
    assert static_file(BASE_URL + "static/boardpacks/pack.css?x=1") is None


def test_a_pdf_of_hostile_html_fetches_nothing_from_the_network_or_the_disk(listening_server):
    address, hits = listening_server
    html = f"""<!doctype html><html lang="en-GB"><head><title>Hostile</title>
      <link rel="stylesheet" href="{PACK_CSS}">
      <link rel="stylesheet" href="{address}/style.css">
      <link rel="stylesheet" href="file:///etc/passwd">
      <style>body {{ background: url("{address}/background.png"); }}</style>
    </head><body>
      <img src="file:///etc/passwd" alt="a">
      <img src="{address}/pixel.png" alt="b">
      <img src="http://169.254.169.254/latest/meta-data/" alt="c">
      <iframe src="{address}/frame"></iframe>
      <object data="{address}/object"></object>
      <p>Plain text survives.</p>
    </body></html>"""

    rendered = html_to_pdf(html)

    assert hits == []
    assert rendered.served == [PACK_CSS]
    assert f"{address}/pixel.png" in rendered.refused
    assert "file:///etc/passwd" in rendered.refused
    assert "http://169.254.169.254/latest/meta-data/" in rendered.refused
    text = PdfReader(io.BytesIO(rendered.data)).pages[0].extract_text()
    assert "Plain text survives." in text
    assert "root:" not in text


def test_the_pdf_is_tagged_with_its_title_author_and_language():
    html = """<!doctype html><html lang="en-GB"><head><title>Board pack: Spring</title>
      <meta name="author" content="Alan Lee"></head>
      <body><h1>Board pack</h1><table><tr><th>Ref</th><td>1.1</td></tr></table></body></html>"""

    reader = PdfReader(io.BytesIO(html_to_pdf(html).data))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Board pack: Spring"
    assert reader.metadata.author == "Alan Lee"
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=0.5)  # A4


# What the pack says in words.


def pack_text(pack) -> str:
    from django.utils.html import strip_tags

    from boardpacks.render import pack_html
    from boardpacks.selectors import pack_contents

    return " ".join(strip_tags(pack_html(pack, pack_contents(pack))).split())


def test_a_draft_plans_pack_never_says_nothing_changed_since_trustees_approved_it(mine):
    from tests.boardpacks.factories import ready_pack

    mine.annual_plan.status = "draft"
    mine.annual_plan.save()

    text = pack_text(ready_pack(mine, term=mine.terms[1]))

    assert "since trustees approved it" not in text
    assert "The 2019-20 plan is draft: trustees have not approved it yet" in text


@pytest.mark.parametrize(
    ("name", "phrase"),
    [("Autumn", "have an Autumn rating"), ("Summer", "have a Summer rating"),
     ("Autumn 1", "have an Autumn 1 rating"), ("Spring 2", "have a Spring 2 rating")],
)  # fmt: skip
def test_the_pack_puts_the_right_article_before_every_term_name(mine, name, phrase):
    from tests.boardpacks.factories import ready_pack

    term = mine.terms[0]
    term.name = name
    term.save()

    text = pack_text(ready_pack(mine, term=term))

    assert phrase in text
    assert "a Autumn" not in text


def test_a_question_without_an_answer_is_printed_as_awaiting_one(mine):
    from tests.boardpacks.factories import ready_pack

    question = mine.extra["other_question"]
    question.include_in_pack = True
    question.save()

    text = pack_text(ready_pack(mine, term=mine.terms[1], meeting=question.meeting))

    assert question.text in text
    assert "Awaiting an answer." in text


def test_the_pdf_places_every_kind_of_kpi_under_its_objective_in_the_trusts_words(mine):
    import datetime

    from boardpacks.render import pack_html
    from boardpacks.selectors import pack_contents
    from kpis.periods import trust_periods
    from kpis.services import measurement_record
    from tests.boardpacks.factories import ready_pack
    from tests.kpis.factories import judgement_kpi, milestone_kpi

    mine.trust.label_objective, mine.trust.label_objective_plural = "Key area", "Key areas"
    mine.trust.save()
    autumn = trust_periods(mine.trust).of(mine.annual_plan.pk, mine.terms[0].pk)
    milestone = milestone_kpi(mine, name="Finance system live")
    judgement = judgement_kpi(mine, name="Staff belong")
    measurement_record(
        kpi=milestone,
        period=autumn,
        school=None,
        state="achieved",
        state_on=datetime.date(2019, 11, 5),
        acting_user=None,
    )
    measurement_record(
        kpi=judgement,
        period=autumn,
        school=None,
        level=judgement.scale()[1],
        source_note="Staff survey",
        acting_user=None,
    )
    pack = ready_pack(mine, term=mine.terms[0])

    reader = PdfReader(io.BytesIO(html_to_pdf(pack_html(pack, pack_contents(pack))).data))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())

    kpis = text[text.rindex("Key performance indicators") :]
    first = f"Key area 1: {mine.objectives[0].short_name}"
    second = f"Key area 2: {mine.objectives[1].short_name}"
    assert kpis.index(first) < kpis.index("Finance system live") < kpis.index(second)
    assert kpis.index(first) < kpis.index("Staff belong") < kpis.index(second)
    assert kpis.index(second) < kpis.index("In-year surplus")
    assert "Achieved (5 Nov 2019)" in kpis and "Partly" in kpis
    assert "Strategic objective" not in kpis
