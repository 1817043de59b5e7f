import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from boardpacks import selectors, services
from boardpacks.forms import PackRequestForm
from boardpacks.models import PackStatus
from boardpacks.permissions import BOARDPACK_REQUEST, BOARDPACK_VIEW
from plans.selectors import current_annual_plan, current_term, plan_terms
from trustplan.core.access import trust_view

logger = logging.getLogger(__name__)


def _request_form(request, data=None) -> PackRequestForm:
    annual_plan = current_annual_plan(request.trust)
    term = current_term(plan_terms(annual_plan)) if annual_plan else None
    return PackRequestForm(data, trust=request.trust, initial_term=term)


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
            "form": _request_form(request) if can_request else None,
        },
    )


@trust_view(BOARDPACK_REQUEST, methods=["GET", "POST"])
def pack_request(request):
    form = _request_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        term = form.cleaned_data["term"]
        try:
            pack = services.boardpack_request(
                annual_plan=term.annual_plan,
                term=term,
                meeting=form.cleaned_data["meeting"],
                acting_user=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if pack.reused and pack.status != PackStatus.QUEUED:
                messages.info(
                    request,
                    f"Nothing has changed since version {pack.version} was made for "
                    f"{term.name}, so that pack is shown instead of a new one.",
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
                    f"Board pack version {pack.version} requested. It is being prepared; this "
                    "page updates as it goes.",
                )
            return redirect("boardpack_detail", request.trust.slug, pack.pk)
    return render(request, "boardpacks/request.html", {"nav": "boardpacks", "form": form})


@trust_view(BOARDPACK_VIEW)
def pack_detail(request, pack_id):
    pack = selectors.access_readable_pack(request.trust, pack_id, request.perms)
    context = {
        "nav": "boardpacks",
        "pack": pack,
        "can_request": request.perms.has(BOARDPACK_REQUEST),
    }
    if request.htmx:
        return render(request, "boardpacks/includes/status.html", context)
    return render(request, "boardpacks/detail.html", context)


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


@trust_view(BOARDPACK_REQUEST, methods=["POST"])
def pack_publish(request, pack_id):
    pack = selectors.access_pack(request.trust, pack_id)
    try:
        pack = services.boardpack_publish(pack=pack, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"Version {pack.version} is published: trustees can read it now and are being "
            "e-mailed. It will not change.",
        )
    return redirect("boardpack_detail", request.trust.slug, pack.pk)


@trust_view(BOARDPACK_REQUEST, methods=["POST"])
def pack_withdraw(request, pack_id):
    pack = selectors.access_pack(request.trust, pack_id)
    try:
        pack = services.boardpack_withdraw(pack=pack, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Version {pack.version} is withdrawn; trustees no longer see it."
        )
    return redirect("boardpack_detail", request.trust.slug, pack.pk)
