"""A board pack laid out in pieces, so that a re-render lays out only what changed.

The pack's HTML is cut into groups where it starts a new page anyway (the cover, the summary,
the attention pages, the objectives, the schools, the KPIs), and each group into atoms: a
table row, a heading, a paragraph. A group is laid out once as a whole; its pages then become
pieces (a page, or pages no atom's boundary separates) remembered with their laid-out boxes
and the PDF drawing of each page. The next render of the same pack looks for the same pieces
wherever their atoms now are: a piece whose HTML and following atom are unchanged keeps its
pages and drawings. A changed piece is laid out from its first atom up to the next unchanged
piece, with that piece's first atom after it, and is kept only if that atom still starts a new
page, as it does when the whole group is laid out; otherwise (rows were added or removed, so
every later page breaks elsewhere) the rest of the group is laid out as one document. So every
page is laid out as it is in one document of the whole pack.

Pieces are laid out without running heads or page numbers. Those are frames laid out from the
same stylesheet: the running heads once per version and page size, "Page N of M" once per page
count. The cover is laid out last, its contents given the page each part starts on.

The cache is the worker's own memory (a few hundred pages, least recently used out first),
guarded by a lock; renders of one worker process run one at a time.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import hashlib
import logging
import re
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin

import lxml.html
import pydyf
import weasyprint
from django.conf import settings
from pydyf import _to_bytes
from weasyprint import CSS, HTML
from weasyprint.document import Page
from weasyprint.draw import draw_page
from weasyprint.formatting_structure import boxes
from weasyprint.text.fonts import FontConfiguration

logger = logging.getLogger(__name__)

# Added to the pack's stylesheet for pieces: no margin boxes (the frame draws them), empty
# copies of earlier siblings kept only so that "a + b" selectors match as in the whole pack,
# a box continued from an earlier page without its top edge (as a box split across pages is
# drawn), and the margins at the top of a page truncated as after a page break.
PIECE_CSS = """
@page { @top-left { content: none } @top-right { content: none }
        @bottom-left { content: none } @bottom-right { content: none } }
.pack-shell { display: none !important; }
.pack-continued { margin-top: 0 !important; padding-top: 0 !important;
                  border-top: none !important; }
.pack-top { margin-top: 0 !important; }
.contents a::after { content: leader(". ") attr(data-page); }
"""
FRAME_CSS = """
.frame-page { break-before: page; height: 1px; }
.frame-cover { height: 1px; overflow: hidden; }
"""
HEADS_CSS = "@page { @bottom-right { content: none } }"
NUMBERS_CSS = """
@page { @top-left { content: none } @top-right { content: none }
        @bottom-left { content: none } }
"""
CONTAINER_CLASSES = {"focus-group"}
TABLE_FURNITURE = {"caption", "colgroup", "thead", "tfoot"}
ALPHA_STATE = re.compile(rb"/([aA][0-9.]+) gs")
# A pack's frames are about four a page: its running heads, its "Page N of M", and the page
# numbers laid out ahead for a version a page shorter and a page longer.
FRAMES_PER_PAGE = 4
# The lineages whose last render the worker remembers, to lay out their numbers ahead.
LAST_RENDERS = 50


# The pieces draw and replay pages with WeasyPrint's own drawing code and stream objects, which
# are not a public interface: they are used only with the version they were written for.
SUPPORTED = weasyprint.__version__.split(".")[0] == "70"


def _page_references(pdf) -> tuple:
    """pydyf's `PDF.page_references`, built once per page count instead of at every call:
    WeasyPrint asks it for each tagged element, so a 70-page pack spent a third of writing
    its PDF rebuilding the same tuple. Pages are only ever appended, so the length keys it."""
    kids = pdf.pages["Kids"]
    cached = pdf.__dict__.get("_page_references_cache")
    if cached is None or cached[0] != len(kids):
        cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
        pdf.__dict__["_page_references_cache"] = cached
    return cached[1]


if SUPPORTED and isinstance(getattr(pydyf.PDF, "page_references", None), property):
    pydyf.PDF.page_references = property(_page_references)


# pydyf deflates every stream at level 9. On a pack's structure tree and fonts that is six times
# slower than level 6 for output about 2% larger; a re-render spent a quarter of writing its
# PDF there.
STREAM_COMPRESSION = 6


def _stream_data(stream) -> bytes:
    """pydyf's `Stream.data`, deflated at STREAM_COMPRESSION."""
    data = b"\n".join(_to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    if stream.compress:
        extra["Filter"] = "/FlateDecode"
        data = zlib.compress(data, STREAM_COMPRESSION)
    extra["Length"] = len(data)
    return b"\n".join((extra.data, b"stream", data, b"endstream"))


if SUPPORTED and isinstance(getattr(pydyf.Stream, "data", None), property):
    pydyf.Stream.data = property(_stream_data)


# One font configuration for every piece, kept for the life of the worker: the fonts that
# drawings refer to stay valid, and a font is the same font in every piece.
@functools.cache
def font_config() -> FontConfiguration:
    return FontConfiguration()


def _classes(element) -> set[str]:
    return set((element.get("class") or "").split())


def _is_container(element) -> bool:
    return element.tag == "section" or (
        element.tag == "div" and bool(_classes(element) & CONTAINER_CLASSES)
    )


def _has_text(text: str | None) -> bool:
    return bool(text and text.strip())


@dataclass
class Group:
    name: str
    sections: list  # top-level elements
    atoms: list = field(default_factory=list)  # elements
    # id(element) -> (first atom, end atom); `alive` holds each element so that lxml keeps
    # its Python object (and so its id) for as long as the group lives.
    spans: dict = field(default_factory=dict)
    alive: list = field(default_factory=list)

    keys: dict = field(default_factory=dict)

    def atom_key(self, index: int) -> str:
        """A hash of an atom's HTML ("" past the last atom)."""
        if index >= len(self.atoms):
            return ""
        if index not in self.keys:
            html = lxml.html.tostring(self.atoms[index], encoding="unicode")
            self.keys[index] = _key(html)
        return self.keys[index]

    def find(self, key: str, start: int) -> int | None:
        """The first atom from `start` on with this key."""
        return next((i for i in range(start, len(self.atoms)) if self.atom_key(i) == key), None)

    def span(self, element, first: int, end: int) -> None:
        self.spans[id(element)] = (first, end)
        self.alive.append(element)


def _atomize(group: Group, element) -> None:
    """Number the atoms under a container; a container with loose text is one atom."""
    start = len(group.atoms)
    children = [child for child in element if isinstance(child.tag, str)]
    loose = _has_text(element.text) or any(_has_text(child.tail) for child in children)
    if element.tag == "table":
        bodies = [child for child in children if child.tag == "tbody"]
        rows = [row for body in bodies for row in body if isinstance(row.tag, str)]
        others = [c for c in children if c.tag not in TABLE_FURNITURE and c.tag != "tbody"]
        if loose or others or not rows or any(_has_text(b.text) for b in bodies):
            group.atoms.append(element)
        else:
            for body in bodies:
                body_start = len(group.atoms)
                for row in body:
                    if isinstance(row.tag, str):
                        group.span(row, len(group.atoms), len(group.atoms) + 1)
                        group.atoms.append(row)
                group.span(body, body_start, len(group.atoms))
    elif loose or not children or (element is not None and not _is_container(element)):
        group.atoms.append(element)
    else:
        for child in children:
            if _is_container(child) or (child.tag == "table" and child.find("tbody") is not None):
                _atomize(group, child)
            else:
                group.span(child, len(group.atoms), len(group.atoms) + 1)
                group.atoms.append(child)
    group.span(element, start, len(group.atoms))


def _starts_new_page(element, previous) -> bool:
    if previous is None:
        return True
    return "part" in _classes(element) or (
        ("wide" in _classes(element)) != ("wide" in _classes(previous))
    )


@dataclass
class Pack:
    head: str
    html_attrs: str
    groups: list[Group]
    cover: Group
    # What, besides a piece's body, decides its layout: the html element's attributes (its
    # language) and the head without its title and metadata (which change every version).
    layout: str = ""
    stylesheets: tuple = ()

    def key(self, body: str) -> str:
        return _key(self.layout + PIECE_CSS + body)


def parse_pack(html: str) -> Pack:
    """The pack's groups and atoms, from its HTML."""
    root = lxml.html.document_fromstring(html)
    head = root.find("head")
    body = root.find("body")
    # The pack's stylesheets are parsed once per worker and given to every piece.
    links = [link for link in head.iter("link") if "stylesheet" in (link.get("rel") or "").split()]
    for link in links:
        link.getparent().remove(link)
    sections = [child for child in body if isinstance(child.tag, str)]
    groups: list[Group] = []
    previous = None
    for element in sections:
        if _starts_new_page(element, previous):
            groups.append(Group(name=element.get("id") or f"group-{len(groups)}", sections=[]))
        groups[-1].sections.append(element)
        previous = element
    for group in groups:
        for section in group.sections:
            if _is_container(section):
                _atomize(group, section)
            else:
                group.span(section, len(group.atoms), len(group.atoms) + 1)
                group.atoms.append(section)
    head_html = lxml.html.tostring(head, encoding="unicode")
    attrs = " ".join(f'{name}="{_attr(value)}"' for name, value in root.attrib.items())
    layout = copy.deepcopy(head)
    for element in [*layout.iter("title"), *layout.iter("meta")]:
        element.getparent().remove(element)
    stylesheets = tuple(link.get("href") for link in links)
    return Pack(
        head=head_html,
        html_attrs=attrs,
        groups=groups[1:],
        cover=groups[0],
        layout=attrs + repr(stylesheets) + lxml.html.tostring(layout, encoding="unicode"),
        stylesheets=stylesheets,
    )


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _shell(element):
    shell = lxml.html.Element(element.tag, {k: v for k, v in element.attrib.items() if k != "id"})
    shell.set("class", ((element.get("class") or "") + " pack-shell").strip())
    shell.set("aria-hidden", "true")
    return shell


def _add_class(element, name: str) -> None:
    element.set("class", ((element.get("class") or "") + " " + name).strip())


def _cut(group: Group, element, start: int, end: int, at_top: bool, base: int):
    """A copy of `element` holding only atoms [start, end); None when it holds none."""
    first, last = group.spans[id(element)]
    if last <= start or first >= end:
        if first == last and start <= first < end:
            return copy.deepcopy(element)  # an empty container inside the range
        return None
    if first >= start and last <= end:
        whole = copy.deepcopy(element)
        if first == start and at_top:
            _add_class(whole, "pack-top")
        if last - first == 1 and group.atoms[first] is element:
            whole.set("data-atom", str(first - base))
        else:
            _mark_atoms(group, element, whole, base)
        return whole
    piece = lxml.html.Element(element.tag, dict(element.attrib))
    piece.text = element.text
    if first < start:
        _add_class(piece, "pack-continued")
        piece.attrib.pop("id", None)
    elif at_top and first == start:
        _add_class(piece, "pack-top")
    kept_any = False
    previous = None
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if element.tag == "table" and child.tag in TABLE_FURNITURE:
            furniture = copy.deepcopy(child)
            furniture.tail = child.tail
            piece.append(furniture)
            continue
        if id(child) not in group.spans:
            previous = child
            continue
        part = _cut(group, child, start, end, at_top and not kept_any, base)
        if part is not None:
            if not kept_any and previous is not None and element.tag != "tbody":
                piece.append(_shell(previous))
            part.tail = child.tail
            piece.append(part)
            kept_any = True
        previous = child
    return piece


def _mark_atoms(group: Group, original, clone, base: int) -> None:
    """Put data-atom on the copies of the atoms inside a wholly kept container."""
    for source, target in zip(original.iter(), clone.iter(), strict=True):
        span = group.spans.get(id(source))
        if span and span[1] - span[0] == 1 and group.atoms[span[0]] is source:
            target.set("data-atom", str(span[0] - base))


def piece_body(pack: Pack, group: Group, start: int, end: int) -> str:
    """The body of atoms [start, end) of a group, as a document of their own."""
    body = []
    kept_any = False
    previous = None
    for section in group.sections:
        part = _cut(group, section, start, end, not kept_any, start)
        if part is not None:
            if not kept_any and previous is not None:
                body.append(lxml.html.tostring(_shell(previous), encoding="unicode"))
            part.tail = None
            body.append(lxml.html.tostring(part, encoding="unicode"))
            kept_any = True
        previous = section
    return "".join(body)


def document_html(pack: Pack, body: str) -> str:
    return f"<!doctype html><html {pack.html_attrs}>{pack.head}<body>{body}</body></html>"


# Drawings: the PDF operators of one page (or of its frame), replayed into later PDFs.


@dataclass
class Drawing:
    operators: list
    tags: list  # (box, {"tag", "mcid"}) in drawing order
    first_mcid: int
    alpha_states: set


def _draw(stream, scale, page_box) -> Drawing | None:
    """Draw a page box into the stream; what it drew, when it can be replayed later."""
    resources = stream._resources
    before = {name: set(resources[name]) for name in ("XObject", "Pattern", "Shading")}
    states_before = set(resources["ExtGState"])
    start = len(stream.stream)
    tags = stream._tags if stream._tags is not None else {}
    first_mcid = len(tags)
    with stream.stacked():
        stream.transform(a=scale, d=scale)
        draw_page(page_box, stream)
    operators = stream.stream[start:]
    added_states = set(resources["ExtGState"]) - states_before
    if any(set(resources[name]) - before[name] for name in before) or any(
        not ALPHA_STATE.fullmatch(f"/{key} gs".encode()) for key in added_states
    ):
        return None
    used = set()
    for operator in operators:
        if isinstance(operator, bytes) and operator.endswith(b" gs"):
            match = ALPHA_STATE.fullmatch(operator)
            if match is None:
                return None
            used.add(match.group(1).decode())
    return Drawing(
        operators=list(operators),
        tags=list(tags.items())[first_mcid:],
        first_mcid=first_mcid,
        alpha_states=used,
    )


def _replay(stream, drawing: Drawing) -> int | None:
    """Replay a drawing into the stream; the shift of its marked-content ids (a frame is
    replayed after bodies with more or fewer tagged boxes), or None when it cannot be."""
    tags = stream._tags if stream._tags is not None else {}
    shift = len(tags) - drawing.first_mcid
    if shift and (stream._tags is None or shift < 0):
        return None
    operators = drawing.operators
    if shift and drawing.tags:
        operators = [
            pydyf.Dictionary({"MCID": item["MCID"] + shift})
            if isinstance(item, dict) and set(item) == {"MCID"}
            else item
            for item in operators
        ]
    states = stream._resources["ExtGState"]
    for key in drawing.alpha_states:
        if key not in states:
            name = "CA" if key[0] == "A" else "ca"
            states[key] = pydyf.Dictionary({name: float(key[1:])})
    stream.stream.extend(operators)
    for box, info in drawing.tags:
        tags[box] = {**info, "mcid": info["mcid"] + shift}
    stream._current_color = stream._current_color_stroke = None
    stream._current_alpha = stream._current_alpha_stroke = None
    stream._current_font = stream._old_font = None
    return shift


@dataclass
class LaidPage:
    """A page of a piece, or a frame: its page box and, once drawn, its drawing."""

    page: Page
    drawing: Drawing | None = None
    # Its part of a page's content stream, compressed (see _packed).
    packed: tuple | None = None

    @property
    def wide(self) -> bool:
        return self.page.width > self.page.height


@dataclass
class Piece:
    key: str  # hash of its HTML
    start: int
    end: int
    pages: list[LaidPage]


class AssembledPage(Page):
    """A page of the pack: a piece's page under its running heads and its page number."""

    def __init__(self, body: LaidPage, frames: list[LaidPage], after_paint=None):
        source = body.page
        self.width, self.height, self.bleed = source.width, source.height, source.bleed
        self.bookmarks = source.bookmarks
        self.links = source.links
        self.anchors = source.anchors
        self.forms = source.forms
        self._parts = [(body, source._page_box)]
        margins = []
        for frame in frames:
            boxes_ = [c for c in frame.page._page_box.children if isinstance(c, boxes.MarginBox)]
            self._parts.append((frame, frame.page._page_box.copy_with_children(boxes_)))
            margins += boxes_
        self._page_box = source._page_box.copy_with_children([*source._page_box.children, *margins])
        self._after_paint = after_paint
        self.replayed = 0

    def paint(self, stream, scale=1):
        marks, shifts = [len(stream.stream)], []
        for laid, box in self._parts:
            shift = None if laid.drawing is None else _replay(stream, laid.drawing)
            if shift is None:
                laid.drawing, shift = _draw(stream, scale, box), 0
            else:
                self.replayed += 1
            marks.append(len(stream.stream))
            shifts.append(shift)
        if stream.compress and all(laid.drawing for laid, _ in self._parts):
            # A page's stream is its body, then its heads, then its number: each part is
            # compressed once and continues the one before (one zlib stream, checksummed).
            ops, raw, checksum = stream.stream, [ZLIB_HEADER], 1
            last = len(self._parts) - 1
            for index, (laid, _) in enumerate(self._parts):
                part = ops[: marks[1]] if index == 0 else ops[marks[index] : marks[index + 1]]
                packed = _packed(
                    laid,
                    part,
                    prefix=marks[0] if index == 0 else None,
                    final=index == last,
                    shift=shifts[index],
                )
                raw.append(packed[1])
                checksum = zlib.adler32(packed[2], checksum)
            raw.append(checksum.to_bytes(4, "big"))
            stream.stream = [b"".join(raw)]
            stream.compress = False
            stream.extra["Filter"] = "/FlateDecode"
        if self._after_paint is not None:
            self._after_paint(stream)


ZLIB_HEADER = b"\x78\xda"  # deflate, 32 KiB window, best compression


def _packed(laid: LaidPage, ops: list, prefix: int | None, final: bool, shift: int) -> tuple:
    """(drawing, raw deflate data, the uncompressed data, the operators before the body),
    made once per drawing. The first part holds the operators before the body as well;
    the others start with the line break between; all but the last end on a byte boundary
    so that the next can follow."""
    before = b"\n".join(_to_bytes(item) for item in ops[:prefix]) if prefix else None
    packed = laid.packed
    if packed is not None and packed[0] is laid.drawing and packed[3] == (before, final, shift):
        return packed
    data = b"\n".join(_to_bytes(item) for item in ops)
    if prefix is None and data:
        data = b"\n" + data
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    raw = compressor.compress(data) + compressor.flush(
        zlib.Z_FINISH if final else zlib.Z_SYNC_FLUSH
    )
    laid.packed = (laid.drawing, raw, data, (before, final, shift))
    return laid.packed


# Fonts: every PDF gets fresh copies of the fonts seen so far (a PDF subsets its copies),
# with every glyph any remembered drawing uses.


def _copy_font(font):
    twin = copy.copy(font)
    twin.widths = dict(font.widths)
    twin.to_unicode = dict(font.to_unicode)
    twin.missing = dict(font.missing)
    twin.variations = dict(font.variations)
    return twin


@dataclass
class Stats:
    laid_out_pages: int = 0
    reused_pages: int = 0
    replayed_drawings: int = 0
    documents: int = 0
    reused_page_numbers: list = field(default_factory=list)
    # CPU seconds of each step: cutting, laying out pieces, the cover, the frame, the PDF.
    seconds: dict = field(default_factory=dict)

    def lap(self, step: str, since: float) -> float:
        now = time.process_time()
        self.seconds[step] = round(self.seconds.get(step, 0) + now - since, 3)
        return now


class PieceCache:
    """Pieces and frames a worker keeps between renders, with each pack's last cuts."""

    def __init__(self, max_pages: int, max_frames: int):
        self.pieces: OrderedDict[str, Piece] = OrderedDict()
        self.frames: OrderedDict[tuple, LaidPage] = OrderedDict()
        # Each group's last cuts: (first atom, end atom, key of the atom after the piece).
        self.cuts: OrderedDict[tuple, list[tuple[int, int, str]]] = OrderedDict()
        self.cover_pages: dict[tuple, int] = {}
        # Each lineage's last render: its head and stylesheets, and each page's size.
        self.last: OrderedDict[tuple, tuple[Pack, list[bool]]] = OrderedDict()
        self.stylesheets: dict[tuple, list] = {}
        self.fonts: dict = {}
        self.max_pages, self.max_frames = max_pages, max_frames
        self.lock = threading.Lock()
        self.dropped = False

    def clear(self) -> None:
        self.dropped = True
        self.pieces.clear()
        self.frames.clear()
        self.cuts.clear()
        self.cover_pages.clear()
        self.last.clear()
        self.stylesheets.clear()

    def remember(self, piece: Piece) -> None:
        self.pieces[piece.key] = piece
        self.pieces.move_to_end(piece.key)
        while sum(len(p.pages) for p in self.pieces.values()) > self.max_pages:
            self.pieces.popitem(last=False)
            self.dropped = True

    def piece(self, key: str) -> Piece | None:
        piece = self.pieces.get(key)
        if piece is not None:
            self.pieces.move_to_end(key)
        return piece

    def remember_frame(self, key: tuple, frame: LaidPage) -> None:
        self.frames[key] = frame
        self.frames.move_to_end(key)
        while len(self.frames) > self.max_frames:
            self.frames.popitem(last=False)
            self.dropped = True

    def remember_last(self, lineage: tuple, pack: Pack, wides: list[bool]) -> None:
        """Keep what laying out the lineage's page numbers ahead needs: the pack's head and
        stylesheets (not its body) and its pages' sizes."""
        self.last[lineage] = (
            replace(pack, groups=[], cover=Group(name=pack.cover.name, sections=[])),
            wides,
        )
        self.last.move_to_end(lineage)
        while len(self.last) > LAST_RENDERS:
            self.last.popitem(last=False)

    def dropped_since(self) -> bool:
        """Whether pages were dropped since the last call. Dropped pages are old reference
        cycles (a style refers to itself), which only a full collection frees; Python runs
        one only once such garbage is a quarter of the long-lived objects, so a worker that
        had laid out 50 trusts' packs held 2 GB."""
        dropped, self.dropped = self.dropped, False
        return dropped


CACHE = PieceCache(
    max_pages=settings.BOARDPACK_PIECE_CACHE_PAGES,
    max_frames=settings.BOARDPACK_PIECE_CACHE_PAGES * FRAMES_PER_PAGE,
)


class Renderer:
    """One render of one pack, reusing what the cache holds."""

    def __init__(self, cache: PieceCache, fetcher, pdf_variant: str, base_url: str):
        self.cache, self.fetcher = cache, fetcher
        self.pdf_variant, self.base_url = pdf_variant, base_url
        self.stats = Stats()
        self.reused: set[int] = set()  # ids of the pages taken from the cache as they were

    def layout(self, pack: Pack, body: str, css: str = PIECE_CSS):
        self.stats.documents += 1
        html = document_html(pack, body)
        document = HTML(string=html, base_url=self.base_url, url_fetcher=self.fetcher).render(
            pdf_variant=self.pdf_variant,
            font_config=font_config(),
            stylesheets=self.stylesheets(pack, css),
        )
        self.stats.laid_out_pages += len(document.pages)
        return document

    def stylesheets(self, pack: Pack, css: str) -> list:
        """The pack's stylesheets then `css`, parsed once for the life of the worker."""
        key = (pack.stylesheets, css)
        if key not in self.cache.stylesheets:
            sheets = [
                CSS(url=urljoin(self.base_url, href), url_fetcher=self.fetcher)
                for href in pack.stylesheets
            ]
            self.cache.stylesheets[key] = [*sheets, CSS(string=css, base_url=self.base_url)]
        return self.cache.stylesheets[key]

    @staticmethod
    def _atoms_on(page: Page, base: int) -> set[int]:
        """The atoms (numbered in the group) a page of a piece starting at `base` holds."""
        found = set()
        stack = [page._page_box]
        while stack:
            box = stack.pop()
            element = getattr(box, "element", None)
            if element is not None and box.element_tag:
                atom = element.get("data-atom")
                if atom is not None:
                    found.add(int(atom) + base)
            stack.extend(getattr(box, "children", ()))
        return found

    def _pieces_of(self, pack: Pack, group: Group, pages: list[Page], start: int, end: int):
        """Cut laid-out pages of atoms [start, end) into pieces at the page boundaries no
        atom straddles, and remember them."""
        runs: list[tuple[int, list[Page]]] = []
        seen_to = start - 1
        for page in pages:
            atoms = self._atoms_on(page, start)
            if runs and (not atoms or min(atoms) <= seen_to):
                runs[-1][1].append(page)
            else:
                runs.append((min(atoms) if runs else start, [page]))
            if atoms:
                seen_to = max(seen_to, max(atoms))
        pieces = []
        for index, (first, laid) in enumerate(runs):
            last = runs[index + 1][0] if index + 1 < len(runs) else end
            key = pack.key(piece_body(pack, group, first, last))
            piece = Piece(key, first, last, [LaidPage(page) for page in laid])
            self.cache.remember(piece)
            pieces.append(piece)
        return pieces

    def _rest(self, pack: Pack, group: Group, start: int) -> list[Piece]:
        """Lay out the group from atom `start` to its end as one document."""
        end = len(group.atoms)
        document = self.layout(pack, piece_body(pack, group, start, end))
        return self._pieces_of(pack, group, document.pages, start, end)

    def _up_to(self, pack: Pack, group: Group, start: int, target: int) -> list[Piece] | None:
        """Lay out atoms [start, target) with atom `target` after them; their pieces if
        that atom starts a page of its own, as it does when the whole group is laid out
        (so what follows it is laid out as before), else None."""
        pages = self.layout(pack, piece_body(pack, group, start, target + 1)).pages
        on_pages = [self._atoms_on(page, start) for page in pages]
        content = [n for n, atoms in enumerate(on_pages) if any(a < target for a in atoms)]
        pushed = [n for n, atoms in enumerate(on_pages) if target in atoms]
        if not content or not pushed or min(pushed) <= max(content):
            return None
        return self._pieces_of(pack, group, pages[: max(content) + 1], start, target)

    def group_pages(self, pack: Pack, group: Group, lineage: tuple) -> list[LaidPage]:
        """The group's pages: the pieces of its last render, wherever their atoms now are,
        reused while their HTML and the atom after them (which laying out the whole group
        might pull up onto their last page) are as they were; what changed in between is
        laid out up to the next piece that is unchanged."""
        cut_key = (*lineage, group.name)
        cuts = self.cache.cuts.get(cut_key) or []
        count = len(group.atoms)
        pieces: list[Piece] = []
        position, index = 0, 0
        while position < count:
            if index >= len(cuts):
                pieces += self._rest(pack, group, position)
                break
            start, end, next_atom = cuts[index]
            until = count if index == len(cuts) - 1 else position + end - start
            if until <= count:
                known = self.cache.piece(pack.key(piece_body(pack, group, position, until)))
                if known is not None and next_atom == group.atom_key(until):
                    pieces.append(Piece(known.key, position, until, known.pages))
                    self.stats.reused_pages += len(known.pages)
                    self.reused.update(id(page) for page in known.pages)
                    position, index = until, index + 1
                    continue
            laid = None
            # With atoms added or removed, every later page of the group breaks elsewhere:
            # there is nothing to wait for. Otherwise the change is usually within a page.
            windows = (1, 2) if cuts[-1][1] == count else ()
            for window in windows:
                if index + window >= len(cuts):
                    break
                target = group.find(cuts[index + window - 1][2], position + 1)
                if target is not None:
                    laid = self._up_to(pack, group, position, target)
                if laid is not None:
                    pieces += laid
                    position, index = target, index + window
                    break
            if laid is None:
                pieces += self._rest(pack, group, position)
                break
        self.cache.cuts[cut_key] = [(p.start, p.end, group.atom_key(p.end)) for p in pieces]
        self.cache.cuts.move_to_end(cut_key)
        while len(self.cache.cuts) > 200:
            self.cache.cuts.popitem(last=False)
        return [page for piece in pieces for page in piece.pages]

    # The frame: running heads and "Page N of M", laid out for every page of the pack.

    def frames(self, pack: Pack, wides: list[bool]) -> list[list[LaidPage]]:
        """Each page's running heads (the same on every page after the cover, for a page's
        size) and its "Page N of M" (the same in every version with as many pages)."""
        cover = pack.cover.sections[0]
        running = [
            element
            for element in cover.iter()
            if isinstance(element.tag, str)
            and (element.tag == "h1" or _classes(element) & {"cover__trust", "cover__confidential"})
        ]
        strings = _key("".join(lxml.html.tostring(e, encoding="unicode") for e in running))
        kinds = [(number == 1, wide) for number, wide in enumerate(wides, 1)]
        heads = self._frames(
            [("heads", strings, *kind) for kind in kinds],
            lambda: self._heads(pack, running, list(dict.fromkeys(kinds))),
            unique=True,
        )
        numbers = self._frames(
            _number_keys(wides),
            lambda: self._numbers(pack, wides),
            unique=False,
        )
        return [list(pair) for pair in zip(heads, numbers, strict=True)]

    def _frames(self, keys: list[tuple], make, unique: bool) -> list[LaidPage]:
        """The frames of these keys, all made by `make` (one per key, or per distinct key
        when `unique`) unless the cache holds every one."""
        frames = self.cache.frames
        if not all(key in frames for key in keys):
            made = make()
            wanted = list(dict.fromkeys(keys)) if unique else keys
            for key, frame in zip(wanted, made, strict=True):
                self.cache.remember_frame(key, frame)
        for key in keys:
            frames.move_to_end(key)
        return [frames[key] for key in keys]

    def _frame_document(self, pack: Pack, first_wide: bool, running, wides, css: str):
        first = lxml.html.Element("section", {"class": "cover frame-cover"})
        if first_wide:
            _add_class(first, "wide")
        for element in running:
            twin = copy.deepcopy(element)
            twin.attrib.pop("id", None)
            twin.tail = None
            first.append(twin)
        body = [lxml.html.tostring(first, encoding="unicode")]
        body += [f'<div class="frame-page{" wide" if wide else ""}"></div>' for wide in wides]
        document = self.layout(pack, "".join(body), FRAME_CSS + css)
        if [page.width > page.height for page in document.pages] != [first_wide, *wides]:
            raise RuntimeError("the frame's pages do not match the pack's pages")
        return [LaidPage(page) for page in document.pages]

    def _heads(self, pack: Pack, running, kinds: list[tuple[bool, bool]]) -> list[LaidPage]:
        """One page of running heads for each kind (cover or not, wide or not) in `kinds`."""
        first_wide = next((wide for first, wide in kinds if first), False)
        others = [wide for first, wide in kinds if not first]
        pages = self._frame_document(pack, first_wide, running, others, HEADS_CSS)
        by_kind = dict(zip([(True, first_wide)] + [(False, w) for w in others], pages, strict=True))
        return [by_kind[kind] for kind in kinds]

    def _numbers(self, pack: Pack, wides: list[bool]) -> list[LaidPage]:
        return self._frame_document(pack, wides[0], [], wides[1:], NUMBERS_CSS)


def numbers_ahead(*, lineage: tuple, fetcher, pdf_variant: str, base_url: str, cache=None) -> int:
    """Lay out the page numbers of the lineage's next version, should it come out a page
    shorter or a page longer than the last, and keep them; how many were laid out.

    A few changed ratings move a pack by a page at most, and "Page N of M" then changes on
    every page: in a 68-page pack, laying out and drawing them took 0.28 s of a 1.9 s
    re-render. The page added or dropped is taken to be in the longest run of pages of one
    size (the tables' landscape pages), where the text that changed is."""
    cache = cache or CACHE
    with cache.lock, collector_paused():
        last = cache.last.get(lineage)
        if last is None:
            return 0
        pack, wides = last
        renderer = Renderer(cache, fetcher, pdf_variant, base_url)
        for shape in _neighbours(wides):
            renderer._frames(
                _number_keys(shape),
                lambda shape=shape: renderer._numbers(pack, shape),
                unique=False,
            )
        return renderer.stats.laid_out_pages


def _number_keys(wides: list[bool]) -> list[tuple]:
    """The cache keys of each page's "Page N of M" in a pack of pages of these sizes."""
    return [("number", number, len(wides), wide) for number, wide in enumerate(wides, 1)]


def _neighbours(wides: list[bool]) -> list[list[bool]]:
    """The pages' sizes with a page fewer and a page more at the end of the longest run of
    pages of one size after the cover."""
    end, best, length = 0, 0, 0
    for index in range(1, len(wides)):
        length = length + 1 if index > 1 and wides[index] == wides[index - 1] else 1
        if length > best:
            end, best = index, length
    if not best:
        return []
    shorter = wides[:end] + wides[end + 1 :]
    longer = wides[: end + 1] + wides[end:]
    return [shorter, longer]


def _key(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Rendered:
    data: bytes
    pages: int
    stats: Stats


def render(
    html: str, *, lineage: tuple, fetcher, pdf_variant: str, base_url: str, cache=None
) -> Rendered:
    """The pack's PDF, laid out in pieces that later renders of the same pack reuse."""
    cache = cache or CACHE
    with cache.lock, collector_paused():
        return _render(html, lineage, fetcher, pdf_variant, base_url, cache)


@contextlib.contextmanager
def collector_paused(*, full: Callable[[], bool] | None = None):
    """Pause the garbage collector, then collect what was made meanwhile.

    The cached pieces are hundreds of thousands of objects: the collector would walk them all
    again and again while a PDF is made. Paused, it runs once afterwards: over the young
    objects, or over everything when `full()` says so. Nested, only the outermost pause
    collects."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(2 if full is not None and full() else 0)


def _render(html, lineage, fetcher, pdf_variant, base_url, cache) -> Rendered:
    from weasyprint.document import Document, DocumentMetadata
    from weasyprint.html import get_html_metadata

    renderer = Renderer(cache, fetcher, pdf_variant, base_url)
    stats, clock = renderer.stats, time.process_time()
    pack = parse_pack(html)
    clock = stats.lap("cut", clock)
    parts = [renderer.group_pages(pack, group, lineage) for group in pack.groups]
    clock = stats.lap("pieces", clock)
    # The cover's contents give the page each part starts on, so it is laid out last;
    # it is one page, or as many as it took last time.
    cover_pages = cache.cover_pages.get(lineage, 1)
    for _attempt in range(3):
        _number_contents(pack, parts, first_page=cover_pages + 1)
        cover = renderer.group_pages(pack, pack.cover, lineage)
        if len(cover) == cover_pages:
            break
        cover_pages = len(cover)
    else:
        raise RuntimeError("the cover's length did not settle")
    cache.cover_pages[lineage] = cover_pages
    clock = stats.lap("cover", clock)
    bodies = [*cover, *(page for part in parts for page in part)]
    stats.reused_page_numbers = [
        number for number, body in enumerate(bodies, 1) if id(body) in renderer.reused
    ]
    wides = [body.wide for body in bodies]
    frames = renderer.frames(pack, wides)
    cache.remember_last(lineage, pack, wides)
    clock = stats.lap("frame", clock)

    def keep_fonts(stream):
        cache.fonts = {key: _copy_font(font) for key, font in stream._fonts.items()}

    pages = [
        AssembledPage(body, frame, keep_fonts if number == len(bodies) else None)
        for number, (body, frame) in enumerate(zip(bodies, frames, strict=True), 1)
    ]
    head = HTML(string=document_html(pack, ""), base_url=base_url, url_fetcher=fetcher)
    document = Document(
        pages, DocumentMetadata(**get_html_metadata(head)), fetcher, font_config(), {}, None
    )
    document.fonts = {key: _copy_font(font) for key, font in cache.fonts.items()}
    data = document.write_pdf(pdf_variant=pdf_variant)
    stats.lap("pdf", clock)
    stats.replayed_drawings = sum(page.replayed for page in pages)
    return Rendered(data=data, pages=len(pages), stats=stats)


def _number_contents(pack: Pack, parts: list[list[LaidPage]], first_page: int) -> None:
    """Write on each contents link the page its target starts on."""
    where: dict[str, int] = {}
    number = first_page
    for part in parts:
        for laid in part:
            for anchor in laid.page.anchors:
                where.setdefault(anchor, number)
            number += 1
    pack.cover.keys.clear()
    for link in pack.cover.sections[0].iter("a"):
        target = (link.get("href") or "").removeprefix("#")
        link.set("data-page", str(where.get(target, "")))
