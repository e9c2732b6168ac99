"""Draft preview for headless frontends: a signed token the frontend exchanges for the draft's JSON."""

from datetime import timedelta
from urllib.parse import urlencode

from ninja import Router
from ninja.responses import NinjaJSONEncoder
from pydantic import TypeAdapter

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from brand_hub.core.errors import error_body

from .models import HeadlessPreview
from .prefetch import prefetch_for_api, prefetch_scope
from .schemas import ErrorSchema

TOKEN_SALT = "brand_hub.headless.preview"
#: The id a page that was never saved answers in its preview: both APIs' page details have a number there.
UNSAVED_PAGE_ID = 0


class PreviewTokenError(Exception):
    """The token is malformed, forged or expired."""

    status = 400


class PreviewGone(PreviewTokenError):
    """The token is genuine and current, but its draft has been cleared away."""

    status = 404


def create_preview(*, page) -> dict:
    """Snapshot the page as the editor sees it now and sign a token for the frontend."""
    HeadlessPreview.objects.filter(
        created_at__lt=timezone.now() - timedelta(seconds=settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE)
    ).delete()
    preview = HeadlessPreview.objects.create(
        content_type=ContentType.objects.get_for_model(page.specific_class or type(page)),
        page_id=page.pk,
        content=page.serializable_data(),
    )
    token = signing.dumps({"preview": preview.pk}, salt=TOKEN_SALT, compress=True)
    # The locale lets the frontend route the draft (its /pl/ layout, navigation and strings), even
    # for a page that has no URL yet.
    query = urlencode({"token": token, "type": page._meta.label, "locale": page.locale.language_code})
    return {
        "preview_token": token,
        "frontend_preview_url": f"{settings.FRONTEND_PREVIEW_URL}?{query}",
        "preview_api_url": f"{reverse('wagtailapi_v3:page_preview')}?{urlencode({'token': token})}",
    }


def load_preview(token: str):
    """The previewed page (unsaved, never written back), or PreviewTokenError."""
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=settings.HEADLESS_PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewTokenError(_("The preview token has expired.")) from error
    except signing.BadSignature as error:
        raise PreviewTokenError(_("The preview token is not valid.")) from error
    preview = HeadlessPreview.objects.filter(pk=payload.get("preview")).select_related("content_type").first()
    if preview is None:
        raise PreviewGone(_("The preview no longer exists."))
    page = preview.as_page()
    if page.pk is None:  # a brand-new page, previewed before its first save
        page.id = page.pk = UNSAVED_PAGE_ID  # id is the Page row's, pk the specific row's link to it
    return page


TOKEN_PARAMETER = {
    "in": "query",
    "name": "token",
    "required": True,
    "schema": {"type": "string", "minLength": 1},
    "description": "The token from the admin's preview link",
}


def page_preview_router() -> Router:
    """`GET page-preview/?token=`: the previewed draft as v3's typed page detail, for a frontend's draft view.

    Built once Wagtail's pages router has made its detail union (it holds the typed page schemas),
    so the frontend renders a draft with the very types it renders a published page with.
    """
    from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
    from wagtail.api.v3.routers.pages import PageDetailSchema

    detail = TypeAdapter(PageDetailSchema)
    router = Router(tags=["pages"])

    @router.get(
        "/",
        response={200: PageDetailSchema, 400: ErrorSchema, 404: ErrorSchema},
        url_name="page_preview",
        summary="Preview a draft",
        description="The draft behind the signed token the admin's preview hands the frontend "
        "(`FRONTEND_PREVIEW_URL?token=&type=&locale=`), in the page detail's typed shape. Never "
        "cached (`Cache-Control: private, no-store`). A missing, forged or expired token is a 400 "
        "naming `token`; a token whose draft has been cleared away is a 404. A page never saved "
        "answers `id` 0.",
        operation_id="pages_preview",
        # The signed token is the permission; a bearer token is read as on every v3 read, so that a
        # wrong one is the documented 401 rather than an undocumented one.
        auth=[BearerTokenAuth(), AllowAnonymous()],
        # Read from the query by the view, so that a missing one is refused in the project's error
        # shape (ninja's check would answer v3's), and documented here as the required string it is.
        openapi_extra={"parameters": [TOKEN_PARAMETER]},
    )
    def preview_page(request: HttpRequest):
        token = request.GET.get("token")
        try:
            if not token:
                raise PreviewTokenError(_("Send the token of the admin's preview link."))
            page = load_preview(token)
        except PreviewTokenError as error:
            response = JsonResponse(error_body(str(error), field="token"), status=error.status)
        else:
            context = {"request": request}
            with prefetch_scope(prefetch_for_api([page], request=request, live_only=False)):
                body = detail.dump_python(detail.validate_python(page, context=context), mode="json")
            response = JsonResponse(body, encoder=NinjaJSONEncoder)
        response["Cache-Control"] = "private, no-store"
        return response

    return router
