"""Board packs for tests: a row in one trust, and a stored (tiny) PDF when it must be read."""

import hashlib
import io

import factory
from django.utils import timezone
from pypdf import PdfWriter

from boardpacks.models import BoardPack, PackStatus
from boardpacks.services import store_pdf
from tests import factories as f


def tiny_pdf(pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


class BoardPackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BoardPack

    trust = factory.SubFactory(f.TrustFactory)
    annual_plan = factory.SubFactory(f.AnnualPlanFactory, trust=factory.SelfAttribute("..trust"))
    term = factory.SubFactory(
        f.TermFactory,
        trust=factory.SelfAttribute("..trust"),
        annual_plan=factory.SelfAttribute("..annual_plan"),
    )
    version = factory.Sequence(lambda n: n + 1)
    fingerprint = factory.Sequence(lambda n: f"inputs-{n}")


def ready_pack(world, *, published: bool = False, term=None, **values) -> BoardPack:
    """A rendered pack of `world`'s plan with a small PDF on disk; published if asked."""
    ceo = world.users["ceo"]
    pack = BoardPackFactory(
        trust=world.trust,
        annual_plan=world.annual_plan,
        term=term or world.terms[0],
        requested_by=ceo,
        **values,
    )
    data = tiny_pdf()
    checksum = hashlib.sha256(data).hexdigest()
    pack.file_name = store_pdf(pack, data, checksum)
    pack.status = PackStatus.READY
    pack.progress = 100
    pack.pages = 1
    pack.bytes = len(data)
    pack.checksum = checksum
    pack.render_seconds = 0.1
    pack.finished_at = timezone.now()
    if published:
        pack.published_at = timezone.now()
        pack.published_by = ceo
        pack.notified_at = timezone.now()
    pack.save()
    return pack
