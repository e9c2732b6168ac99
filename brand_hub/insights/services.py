"""What the insights record themselves: page views, as the frontends report them."""

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from brand_hub.core.errors import Refused
from brand_hub.core.selectors import readable_pages

from .models import PageViewDay

#: A visitor's view of a page counts once per day; the mark lives a little longer than the day.
SEEN_FOR_SECONDS = 26 * 3600


def record_page_view(*, page_id: int, visitor_id: str, reader=None) -> bool:
    """Count a view of a public page, or of an internal one `reader` may read (counted in its own
    scope), once per visitor, page and day; True when it was counted.

    Only a keyed hash of the visitor id is kept, and only in the cache, for a day.
    """
    if not readable_pages(reader).filter(pk=page_id, depth__gt=1).exists():
        raise Refused(_("No published page has this id."), field="page_id", status=404)
    today = timezone.localdate()
    visitor = salted_hmac("brand_hub.insights.view", visitor_id, algorithm="sha256").hexdigest()[:32]
    if not cache.add(f"insights:view:{today}:{page_id}:{visitor}", 1, SEEN_FOR_SECONDS):
        return False
    if PageViewDay.objects.filter(page_id=page_id, day=today).update(views=F("views") + 1):
        return True
    try:
        with transaction.atomic():
            PageViewDay.objects.create(page_id=page_id, day=today, views=1)
    except IntegrityError:  # another request created today's row first
        PageViewDay.objects.filter(page_id=page_id, day=today).update(views=F("views") + 1)
    return True
