"""A pack laid out in pieces: the pages of the whole pack, and a re-render that reuses them."""

import io
import re

import pytest
from pypdf import PdfReader

from boardpacks import pieces
from boardpacks.render import (
    BASE_URL,
    PDF_VARIANT,
    StaticFilesOnly,
    html_to_pdf,
    numbers_ahead,
    pack_html,
    pack_to_pdf,
)
from boardpacks.selectors import pack_contents
from boardpacks.services import pack_lineage
from plans.review.services import rating_set
from plans.services import action_update
from tests.boardpacks.factories import ready_pack


@pytest.fixture(autouse=True)
def empty_cache():
    pieces.CACHE.clear()
    yield
    pieces.CACHE.clear()


def html_of(pack) -> str:
    return pack_html(pack, pack_contents(pack))


def render(pack, html=None):
    return pack_to_pdf(html or html_of(pack), lineage=pack_lineage(pack))


def page_texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


def contents_entries(cover: str) -> list[tuple[str, int]]:
    contents = cover.split("Contents", 1)[1]
    return [
        (title.strip(), int(number))
        for title, number in re.findall(r"([A-Z][^.]*?) ?(?:\. ?){3,}(\d+)", contents)
    ]


def rerate(world, action, status: str, commentary: str = "Looked at again.") -> None:
    rating_set(
        action=action,
        term=world.terms[1],
        status=status,
        commentary=commentary,
        acting_user=world.users["ceo"],
    )


def structure_kinds(element, depth: int = 6) -> set[str]:
    """The structure types under a tagged PDF's element, a few levels down."""
    element = element.get_object()
    kinds = {str(element.get("/S"))}
    kids = element.get("/K")
    if depth and kids is not None:
        for kid in kids if isinstance(kids, list) else [kids]:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, dict) and "/S" in kid:
                kinds |= structure_kinds(kid, depth - 1)
    return kinds


@pytest.fixture
def spring(mine):
    """The term packed (rendered here directly, so it may stay open for ratings)."""
    return mine.terms[1]


def test_a_pack_laid_out_in_pieces_prints_the_same_pages_as_the_whole_pack(mine, spring):
    pack = ready_pack(mine, term=spring)
    html = html_of(pack)

    whole = html_to_pdf(html)
    in_pieces = render(pack, html)

    assert in_pieces.pages == whole.pages > 3
    assert page_texts(in_pieces.data) == page_texts(whole.data)
    sizes = [(p.mediabox.width, p.mediabox.height) for p in PdfReader(io.BytesIO(whole.data)).pages]
    assert [
        (p.mediabox.width, p.mediabox.height) for p in PdfReader(io.BytesIO(in_pieces.data)).pages
    ] == sizes
    assert in_pieces.reused_pages == 0


def test_a_re_render_after_a_rating_change_shows_it_and_reuses_the_unchanged_pages(mine, spring):
    render(ready_pack(mine, term=spring))
    action = mine.actions[-1]
    rerate(mine, action, "red")
    again = ready_pack(mine, term=spring)
    html = html_of(again)

    rerendered = render(again, html)

    # Exactly what laying out the whole new pack prints, the new rating included.
    texts = page_texts(rerendered.data)
    assert texts == page_texts(html_to_pdf(html).data)
    changed = [n for n, text in enumerate(texts, 1) if f"{action.full_reference} " in text]
    assert changed and all("Red" in texts[n - 1] for n in changed)
    # The schools and KPI pages did not change: they were reused, not laid out again.
    schools = next(n for n, text in enumerate(texts, 1) if text.startswith("Schools"))
    kpis = next(n for n, text in enumerate(texts, 1) if "Key performance indicators" in text[:80])
    assert {schools, kpis} <= set(rerendered.reused_page_numbers)
    assert not set(changed) & set(rerendered.reused_page_numbers)
    assert rerendered.reused_pages == len(rerendered.reused_page_numbers) >= 2


def test_the_contents_of_a_re_rendered_pack_name_the_pages_its_parts_start_on(mine, spring):
    first = render(ready_pack(mine, term=spring))
    # Every action turns red with a long commentary: the attention pages grow, so every
    # part after them starts on a later page than before.
    for action in mine.actions:
        rerate(mine, action, "red", commentary="The work has stalled this term. " * 55)
    again = ready_pack(mine, term=spring)
    html = html_of(again)

    rerendered = render(again, html)

    texts = page_texts(rerendered.data)
    assert len(texts) > len(page_texts(first.data))
    entries = contents_entries(texts[0])
    assert len(entries) >= 6
    for title, number in entries:
        assert title in texts[number - 1], (title, number)
    # The numbers WeasyPrint itself gives the whole pack (target-counter).
    assert entries == contents_entries(page_texts(html_to_pdf(html).data)[0])
    for number, text in enumerate(texts, 1):
        assert f"Page {number} of {len(texts)}" in text


def test_a_re_rendered_pack_is_still_tagged_pdf_ua_with_its_own_title(mine, spring):
    render(ready_pack(mine, term=spring))
    rerate(mine, mine.actions[0], "amber")
    again = ready_pack(mine, term=spring)

    reader = PdfReader(io.BytesIO(render(again).data))

    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    document = root["/StructTreeRoot"]["/K"][0].get_object()
    assert document["/S"] == "/Document" and len(document["/K"]) > len(reader.pages)
    assert {"/Sect", "/H2", "/Table", "/TR", "/TH", "/TD"} <= structure_kinds(document)
    assert all(page["/StructParents"] == number for number, page in enumerate(reader.pages))
    # Each page's marked content is numbered 0, 1, 2 … and mapped to its structure elements,
    # drawings replayed from earlier renders and frames shared by many pages included.
    nums = root["/StructTreeRoot"]["/ParentTree"].get_object()["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    for page in reader.pages:
        mcids = [int(n) for n in re.findall(rb"/MCID (\d+)", page.get_contents().get_data())]
        assert sorted(mcids) == list(range(len(parents[page["/StructParents"]])))
    assert f"version {again.version}" in reader.metadata.title
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part" in xmp


def test_user_text_in_a_re_rendered_pack_prints_as_text(mine, spring):
    render(ready_pack(mine, term=spring))
    action_update(
        action=mine.lead_action,
        acting_user=mine.users["ceo"],
        expected_version=mine.lead_action.version,
        text='Agree <b>the</b> budget & <a href="https://example.org/">report</a>',
    )

    rerendered = render(ready_pack(mine, term=spring))

    printed = "".join(page_texts(rerendered.data)).replace(" ", "")  # cells wrap long text
    assert 'Agree<b>the</b>budget&<ahref="https://example.org/">report</a>' in printed
    assert rerendered.refused == []


def test_a_pack_is_laid_out_whole_when_laying_it_out_in_pieces_fails(
    mine, spring, monkeypatch, caplog
):
    pack = ready_pack(mine, term=spring)

    def broken(*args, **kwargs):
        raise RuntimeError("pieces broke")

    monkeypatch.setattr(pieces, "render", broken)
    rendered = render(pack)

    assert rendered.laid_out_pages is None
    assert rendered.pages == len(PdfReader(io.BytesIO(rendered.data)).pages) > 3
    assert "laying out the whole pack" in caplog.text


def test_a_worker_keeps_at_most_its_setting_of_laid_out_pages_the_oldest_going_first():
    cache = pieces.PieceCache(max_pages=4, max_frames=8)
    for name in ["first", "second", "third"]:
        cache.remember(pieces.Piece(key=name, start=0, end=1, pages=[object(), object()]))

    assert cache.piece("first") is None
    assert [cache.piece(name) is not None for name in ["second", "third"]] == [True, True]
    assert pieces.CACHE.max_pages == 120  # BOARDPACK_PIECE_CACHE_PAGES: a 70-page pack and more


def frame_text(laid) -> str:
    """The words a frame prints (its margin boxes' text)."""
    words, stack = [], [laid.page._page_box]
    while stack:
        box = stack.pop()
        if isinstance(box, pieces.boxes.TextBox):
            words.append(box.text)
        stack.extend(reversed(getattr(box, "children", ())))
    return " ".join(words)


def test_after_a_render_the_page_numbers_of_a_version_a_page_longer_or_shorter_are_laid_out_ahead(
    mine, spring
):
    pack = ready_pack(mine, term=spring)
    rendered = render(pack)
    total = rendered.pages
    _, wides = pieces.CACHE.last[pack_lineage(pack)]
    shorter, longer = pieces._neighbours(wides)
    assert (len(shorter), len(longer)) == (total - 1, total + 1)
    assert sorted([*shorter, True]) == sorted(wides) or sorted([*shorter, False]) == sorted(wides)

    assert numbers_ahead(lineage=pack_lineage(pack)) == (total - 1) + (total + 1)

    renderer = pieces.Renderer(pieces.CACHE, StaticFilesOnly(), PDF_VARIANT, BASE_URL)
    parsed = pieces.parse_pack(html_of(pack))
    for shape in (shorter, longer):
        frames = renderer.frames(parsed, shape)
        assert [frame_text(numbers) for _, numbers in frames] == [
            f"Page {number} of {len(shape)}" for number in range(1, len(shape) + 1)
        ]
    assert renderer.stats.documents == 0  # nothing laid out: heads and numbers were ready
    assert numbers_ahead(lineage=pack_lineage(pack)) == 0  # nothing left to lay out
