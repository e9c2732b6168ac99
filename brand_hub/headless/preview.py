"""Draft preview for headless frontends: a signed token the frontend exchanges for the draft's JSON."""

from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import HeadlessPreview

TOKEN_SALT = "brand_hub.headless.preview"


class PreviewTokenError(Exception):
    """The token is malformed, forged or expired."""


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
    query = urlencode({"token": token, "type": page._meta.label})
    return {
        "preview_token": token,
        "frontend_preview_url": f"{settings.FRONTEND_PREVIEW_URL}?{query}",
        "preview_api_url": f"{reverse('wagtailapi_v2:pages:preview')}?{urlencode({'token': token})}",
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
        raise PreviewTokenError(_("The preview no longer exists."))
    return preview.as_page()
