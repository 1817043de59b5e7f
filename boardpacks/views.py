import logging
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from boardpacks import poll, selectors, services
from boardpacks.forms import PackRequestForm
from boardpacks.models import PackStatus
from boardpacks.permissions import BOARDPACK_REQUEST, BOARDPACK_VIEW
from governance.models import Body, BodyKind
from schools.forms import ConfirmForm
from schools.models import Role
from trustplan.core.access import trust_view
from trustplan.core.forms import add_service_error
from trustplan.core.tenancy import access

logger = logging.getLogger(__name__)


def _local_bodies(trust) -> list[Body]:
    return list(Body.objects.for_trust(trust).filter(kind=BodyKind.LOCAL).order_by("name"))


def _body_from(request) -> Body | None:
    """The local body a pack is requested for (?body= or the posted field), else None for
    the trust's pack; another trust's body, or one that is not local, is not found."""
    raw = (request.POST.get("body") if request.method == "POST" else None) or request.GET.get(
        "body", ""
    )
    if not raw.strip():
        return None
    return access(Body.objects.filter(kind=BodyKind.LOCAL), request.trust, raw)


def _request_form(request, body: Body | None, data=None) -> PackRequestForm:
    return PackRequestForm(data, trust=request.trust, body=body)


@trust_view(BOARDPACK_VIEW)
def pack_list(request):
    can_request = request.perms.has(BOARDPACK_REQUEST)
    return render(
        request,
        "boardpacks/list.html",
        {
            "nav": "boardpacks",
            "packs": list(selectors.readable_packs(request.trust, request.perms)[:200]),
            "can_request": can_request,
            "form": _request_form(request, None) if can_request else None,
            "local_bodies": _local_bodies(request.trust) if can_request else [],
        },
    )


@trust_view(BOARDPACK_REQUEST, methods=["GET", "POST"])
def pack_request(request):
    body = _body_from(request)
    form = _request_form(request, body, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        term = form.cleaned_data["term"]
        try:
            pack = services.boardpack_request(
                annual_plan=term.annual_plan,
                term=term,
                meeting=form.cleaned_data["meeting"],
                body=body,
                include_trust_summary=form.cleaned_data.get("include_trust_summary", False),
                acting_user=request.user,
            )
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            if pack.reused and pack.status != PackStatus.QUEUED:
                messages.info(
                    request,
                    f"Nothing has changed since version {pack.version} was made for "
                    f"{term.name}, so that pack is shown instead of a new one.",
                )
            elif getattr(pack, "waiting_for_turn", False):
                messages.success(
                    request,
                    f"Version {pack.version} of the pack for {pack.audience} requested. Your "
                    "trust's packs are made one at a time: it starts as soon as the one ahead "
                    "of it is finished; this page updates as it goes.",
                )
            elif getattr(pack, "waiting_for_broker", False):
                messages.warning(
                    request,
                    "Your request is saved and the pack is waiting: the rendering queue cannot "
                    "be reached just now. It will be rendered automatically as soon as it can.",
                )
            else:
                messages.success(
                    request,
                    f"Version {pack.version} of the pack for {pack.audience} requested. It is "
                    "being prepared; this page updates as it goes.",
                )
            return redirect("boardpack_detail", request.trust.slug, pack.pk)
    return render(
        request,
        "boardpacks/request.html",
        {
            "nav": "boardpacks",
            "form": form,
            "body": body,
            "local_bodies": _local_bodies(request.trust),
        },
    )


def _with_poll(request, context: dict) -> dict:
    """A pack maker's panel of a pack still being made polls pack_status with a token, so
    each second costs one query (boardpacks/poll.py)."""
    pack = context["pack"]
    if context["can_request"] and not pack.is_finished:
        token = poll.poll_token(trust_id=request.trust.pk, pack_id=pack.pk, user_id=request.user.pk)
        context["poll_url"] = _poll_url(request.trust.slug, pack, token)
    return context


def _poll_url(slug: str, pack, token: str) -> str:
    return f"{reverse('boardpack_status', args=[slug, pack.pk])}?{urlencode({'poll': token})}"


@trust_view(BOARDPACK_VIEW)
def pack_detail(request, pack_id):
    pack = selectors.access_readable_pack(request.trust, pack_id, request.perms)
    context = _with_poll(
        request,
        {"nav": "boardpacks", "pack": pack, "can_request": request.perms.has(BOARDPACK_REQUEST)},
    )
    if request.htmx:
        return render(request, "boardpacks/includes/status.html", context)
    return render(request, "boardpacks/detail.html", context)


def pack_status(request, trust_slug: str, pack_id: int):
    """The status panel the pack page polls every second while a pack is made: one query
    (boardpacks/poll.py). Without a good token for this trust, pack and person, the full
    check of every trust page answers instead, and hands out a fresh token."""
    token = request.GET.get("poll", "")
    claims = poll.poll_claims(token, user=request.user) if request.method == "GET" else None
    pack = poll.polled_pack(claims) if claims and claims.pack_id == pack_id else None
    if pack is None or pack.trust.slug != trust_slug or pack.trust.suspended_at is not None:
        return _pack_status_checked(request, trust_slug, pack_id)
    request.trust = pack.trust
    # Tokens go only to those who request packs: the panel is a pack maker's.
    context = {"pack": pack, "can_request": True, "poll_url": _poll_url(trust_slug, pack, token)}
    response = render(request, "boardpacks/includes/status.html", context)
    response["Cache-Control"] = "private, no-store"
    return response


@trust_view(BOARDPACK_REQUEST)
def _pack_status_checked(request, pack_id):
    pack = selectors.access_pack(request.trust, pack_id)
    context = _with_poll(request, {"pack": pack, "can_request": True})
    return render(request, "boardpacks/includes/status.html", context)


# What the isolation walk and the permission tests read of a trust_view: the checked answer's.
pack_status.trust_permission = _pack_status_checked.trust_permission
pack_status.http_methods = _pack_status_checked.http_methods


@trust_view(BOARDPACK_VIEW)
def boardpack_download(request, pack_id):
    """The stored PDF, to those who may read the pack: never a public media URL."""
    pack = selectors.access_readable_pack(request.trust, pack_id, request.perms)
    if pack.status != PackStatus.READY:
        raise Http404("This pack has not been rendered.")
    try:
        handle = services.pack_path(pack).open("rb")
    except OSError:
        logger.error("board pack %s: stored file %r is missing", pack.pk, pack.file_name)
        raise Http404("The pack's file is missing.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{request.trust.slug}-{pack.download_name}",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response


# Each role as a word with its two forms, for "Trustees (3)" and "Administrator (1)".
ROLE_WORDS = {
    Role.CEO: ("CEO", "CEOs"),
    Role.ADMIN: ("Administrator", "Administrators"),
    Role.SCHOOL_LEAD: ("School lead", "School leads"),
    Role.TRUSTEE: ("Trustee", "Trustees"),
    Role.GOVERNOR: ("Governor", "Governors"),
    Role.VIEWER: ("Viewer", "Viewers"),
}


def recipients_by_role(memberships) -> list[tuple[str, list]]:
    """[(the role's word, [membership …])] in the table's order of roles."""
    order = {role: index for index, role in enumerate(Role.values)}
    ordered = sorted(memberships, key=lambda m: order[m.role])
    groups = []
    for role, group in groupby(ordered, key=lambda m: m.role):
        members = list(group)
        singular, plural = ROLE_WORDS[role]
        groups.append((singular if len(members) == 1 else plural, members))
    return groups


@trust_view(BOARDPACK_REQUEST, methods=["GET", "POST"])
def pack_publish(request, pack_id):
    """A second look first: what publishing freezes and who will be e-mailed, then the
    button that does it."""
    pack = selectors.access_pack(request.trust, pack_id)
    detail = reverse("boardpack_detail", args=[request.trust.slug, pack.pk])
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            pack = services.boardpack_publish(pack=pack, acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"Version {pack.version} is published: {pack.audience} can read it now and "
                "are being e-mailed. It will not change.",
            )
        return redirect(detail)
    if pack.published_at is not None:
        messages.info(request, f"Version {pack.version} is already published.")
        return redirect(detail)
    if pack.status != PackStatus.READY:
        messages.error(request, "Only a ready pack can be published; wait until it is rendered.")
        return redirect(detail)
    recipients = selectors.pack_recipients(pack, publisher=request.user)
    return render(
        request,
        "boardpacks/publish.html",
        {
            "nav": "boardpacks",
            "pack": pack,
            "form": form,
            "recipients": recipients,
            "groups": recipients_by_role(recipients),
            "back": detail,
        },
    )


@trust_view(BOARDPACK_REQUEST, methods=["POST"])
def pack_withdraw(request, pack_id):
    pack = selectors.access_pack(request.trust, pack_id)
    try:
        pack = services.boardpack_withdraw(pack=pack, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Version {pack.version} is withdrawn; {pack.audience} no longer see it."
        )
    return redirect("boardpack_detail", request.trust.slug, pack.pk)
