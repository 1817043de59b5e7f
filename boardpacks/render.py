"""A board pack's HTML, and its PDF made with WeasyPrint.

WeasyPrint fetches nothing but the project's own static files: the fetcher below resolves a
URL to a file under one of the static directories, refuses everything else (other hosts,
file:, ftp:, data: beyond small raster images) and logs each refusal. User text reaches the
HTML only through Django's autoescaping, so it cannot add tags or URLs of its own.
"""

from __future__ import annotations

import logging
import mimetypes
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from boardpacks import pieces
from boardpacks.selectors import MOVEMENTS, PackContents, moved_counts
from plans.models import RAG_SYMBOLS, Rag

logger = logging.getLogger(__name__)

# Relative URLs in the pack resolve against this made-up origin, and only its /static/ paths
# are served (from disk): a URL anywhere else is refused without a connection being tried.
STATIC_HOST = "static.trustplan.invalid"
BASE_URL = f"https://{STATIC_HOST}/"
PACK_CSS = "boardpacks/pack.css"
# Tagged PDF (PDF/UA-1): headings, tables and reading order for screen readers.
PDF_VARIANT = "pdf/ua-1"
SMALL_IMAGE_BYTES = 32 * 1024
SMALL_IMAGE_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}
DATA_URL = re.compile(r"^data:(?P<type>[\w.+-]+/[\w.+-]+)?(?P<params>(;[^,]*)?),", re.IGNORECASE)


def static_url_path() -> str:
    return urlsplit(settings.STATIC_URL).path or "/static/"


@cache
def static_roots() -> tuple[Path, ...]:
    """The directories static files come from: the project's, the apps', and STATIC_ROOT."""
    roots = [Path(settings.STATIC_ROOT)]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            roots.append(Path(storage.location))
    return tuple(dict.fromkeys(root.resolve() for root in roots))


def static_file(url: str) -> Path | None:
    """The file a URL names under the project's static directories, or None."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != STATIC_HOST or parts.query:
        return None
    prefix = static_url_path()
    path = unquote(parts.path)
    if not path.startswith(prefix):
        return None
    name = path.removeprefix(prefix)
    try:
        found = finders.find(name)
    except (SuspiciousFileOperation, ValueError):
        return None
    candidate = Path(found) if found else Path(settings.STATIC_ROOT) / name
    # Resolve symlinks and "..": the file itself must sit under a static directory.
    resolved = candidate.resolve()
    if not resolved.is_file() or not any(resolved.is_relative_to(r) for r in static_roots()):
        return None
    return resolved


def is_small_image_data(url: str) -> bool:
    match = DATA_URL.match(url)
    if not match or (match["type"] or "").lower() not in SMALL_IMAGE_TYPES:
        return False
    # Base64 grows data by a third.
    return len(url) - match.end() <= SMALL_IMAGE_BYTES * 4 // 3


class StaticFilesOnly(URLFetcher):
    """WeasyPrint's fetcher, restricted to the project's static files and small data images."""

    def __init__(self):
        super().__init__(timeout=1, allowed_protocols={"https", "data"}, allow_redirects=False)
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        path = static_file(url)
        if path is not None:
            self.served.append(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": content_type}
            )
        if is_small_image_data(url):
            # urllib's data: handler decodes it in memory; no file or network is touched.
            self.served.append(url[:40])
            return super().fetch(url, headers)
        self.refused.append(url)
        logger.warning("board pack: refused to fetch %s", url[:200])
        raise ValueError(f"board packs fetch only the project's static files, not {url[:80]}")


@dataclass
class RenderedPdf:
    data: bytes
    pages: int
    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    # Laid out in pieces (boardpacks.pieces): pages laid out now and pages reused.
    laid_out_pages: int | None = None
    reused_pages: int = 0
    reused_page_numbers: list[int] = field(default_factory=list)


def html_to_pdf(html: str) -> RenderedPdf:
    """Lay out and write the PDF: A4, tagged, with the title, author and language of the HTML."""
    fetcher = StaticFilesOnly()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher).render(
        pdf_variant=PDF_VARIANT
    )
    data = document.write_pdf(pdf_variant=PDF_VARIANT)
    return RenderedPdf(
        data=data, pages=len(document.pages), served=fetcher.served, refused=fetcher.refused
    )


def pack_to_pdf(html: str, *, lineage: tuple) -> RenderedPdf:
    """The pack's PDF, laid out in pieces so that the next render of the same pack (its
    `lineage`: trust, plan, term, body, meeting) lays out only the pieces that changed. If
    that fails the whole pack is laid out as one document instead, and the failure logged."""
    if not pieces.SUPPORTED:
        return html_to_pdf(html)
    fetcher = StaticFilesOnly()
    try:
        result = pieces.render(
            html, lineage=lineage, fetcher=fetcher, pdf_variant=PDF_VARIANT, base_url=BASE_URL
        )
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        logger.exception("board pack: laying out in pieces failed; laying out the whole pack")
        pieces.CACHE.clear()
        return html_to_pdf(html)
    logger.info("board pack: laid out in pieces: %s", result.stats)
    return RenderedPdf(
        data=result.data,
        pages=result.pages,
        served=fetcher.served,
        refused=fetcher.refused,
        laid_out_pages=result.stats.laid_out_pages,
        reused_pages=result.stats.reused_pages,
        reused_page_numbers=result.stats.reused_page_numbers,
    )


def numbers_ahead(*, lineage: tuple) -> int:
    """Lay out ahead the page numbers the lineage's next version may need (see
    `pieces.numbers_ahead`); 0 when there is nothing to do. A failure is logged, never
    raised: the next render lays them out itself."""
    if not pieces.SUPPORTED:
        return 0
    try:
        return pieces.numbers_ahead(
            lineage=lineage, fetcher=StaticFilesOnly(), pdf_variant=PDF_VARIANT, base_url=BASE_URL
        )
    except SoftTimeLimitExceeded:
        raise
    except Exception:
        logger.exception("board pack: laying out the page numbers ahead failed")
        return 0


# The summary chart: one bar per objective, a segment per rating, worst first.
CHART_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.COMPLETE, Rag.NOT_STARTED, ""]
CHART_COLOURS = {
    Rag.RED: "#b3261e",
    Rag.AMBER: "#8a5300",
    Rag.GREEN: "#1e6b34",
    Rag.COMPLETE: "#1f4e9a",
    Rag.NOT_STARTED: "#55585f",
    "": "#ffffff",
}


@dataclass
class ChartSegment:
    status: str
    label: str
    symbol: str
    colour: str
    count: int
    x: float
    width: float

    @property
    def text_colour(self) -> str:
        return "#4a4a55" if not self.status else "#ffffff"

    @property
    def shows_count(self) -> bool:
        return self.width >= 24

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 2)


@dataclass
class ChartBar:
    number: int
    name: str
    total: int
    y: int
    segments: list[ChartSegment]
    counts: list[int]  # in CHART_ORDER, for the table beside the chart


def rating_legend() -> list[dict]:
    return [
        {
            "status": status,
            "label": Rag(status).label if status else "Not rated",
            "symbol": RAG_SYMBOLS[Rag(status)] if status else "\u2013",
            "colour": CHART_COLOURS[status],
        }
        for status in CHART_ORDER
    ]


# Chart units: objective names on the left, bars from BAR_X across BAR_WIDTH.
CHART_WIDTH, BAR_X, BAR_WIDTH, BAR_HEIGHT, BAR_GAP = 640, 230, 400, 22, 10


def chart_bars(sections) -> list[ChartBar]:
    """Bars of the ratings per objective, each as wide as the objective's actions."""
    legend = {item["status"]: item for item in rating_legend()}
    bars = []
    for index, section in enumerate(sections):
        counts = section.summary.counts
        total = sum(counts.values())
        x = float(BAR_X)
        segments = []
        for status in CHART_ORDER:
            count = counts.get(status, 0)
            if not count:
                continue
            width = BAR_WIDTH * count / total
            item = legend[status]
            segments.append(
                ChartSegment(
                    status=status,
                    label=item["label"],
                    symbol=item["symbol"],
                    colour=item["colour"],
                    count=count,
                    x=round(x, 2),
                    width=round(width, 2),
                )
            )
            x += width
        objective = section.objective
        bars.append(
            ChartBar(
                number=objective.number,
                name=objective.short_name,
                total=total,
                y=index * (BAR_HEIGHT + BAR_GAP),
                segments=segments,
                counts=[counts.get(status, 0) for status in CHART_ORDER],
            )
        )
    return bars


def summary_context(review, sections, moved: dict[str, int]) -> dict:
    """What the summary page shows of one review: the chart, the counts and the movement."""
    bars = chart_bars(sections)
    return {
        "review": review,
        "chart_bars": bars,
        "chart": {
            "width": CHART_WIDTH,
            "height": max(len(bars), 1) * (BAR_HEIGHT + BAR_GAP),
            "bar_height": BAR_HEIGHT,
            "label_x": BAR_X - 8,
        },
        "total_counts": [review.counts.get(status, 0) for status in CHART_ORDER],
        "movements": [(name, moved.get(name, 0)) for name in MOVEMENTS],
    }


def pack_html(pack, contents: PackContents) -> str:
    """The pack as one HTML document; every user-supplied string is autoescaped."""
    trust_summary = None
    if contents.trust_review is not None:
        trust_summary = summary_context(
            contents.trust_review, contents.trust_sections, moved_counts(contents.trust_review)
        )
    return render_to_string(
        "boardpacks/pack.html",
        {
            "pack": pack,
            "contents": contents,
            "review": contents.review,
            "labels": contents.labels,
            "css_url": static_url_path() + PACK_CSS,
            "legend": rating_legend(),
            "summary": summary_context(contents.review, contents.sections, contents.moved),
            "trust_summary": trust_summary,
        },
    )
