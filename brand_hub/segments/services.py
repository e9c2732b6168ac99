"""A segment's members (the consenting prosumers its rule picks) and their logged exports."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from allauth.account.models import EmailAddress

from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext as _

from brand_hub.community.selectors import brand_people
from brand_hub.users.services import marketing_consent_q

from .models import ExportFormat, Segment, SegmentExport
from .rules import RULES
from .signals import segment_exported

#: How many members the admin shows before the download.
PREVIEW_SIZE = 20
ROWS_PER_FETCH = 2000


def candidates(segment: Segment) -> QuerySet:
    """The active prosumers the rule picks, whether they consented or not (the brand's own people,
    who answer for it, are never in a campaign's segment; erased accounts no longer exist)."""
    return RULES[segment.rule].pick(segment).filter(is_active=True).exclude(pk__in=brand_people())


def members(segment: Segment) -> QuerySet:
    """The people a campaign may contact: the candidates whose marketing consent is in force and
    whose e-mail address is verified, the highest figure first.

    A consent given at sign-up comes before the address is confirmed: until the person opens the
    verification link, the address may be someone else's, who asked for nothing (double opt-in).
    """
    verified = EmailAddress.objects.filter(
        user=OuterRef("pk"), email__iexact=OuterRef("email"), verified=True
    )
    return (
        candidates(segment)
        .filter(marketing_consent_q(), Exists(verified))
        .annotate(consent_granted_at=F("marketing_consent__granted_at"))
        .order_by("-figure", "pk")
    )


@dataclass(frozen=True)
class SegmentSize:
    members: int
    #: Picked by the rule but without consent in force or a verified address: never exported.
    left_out: int


def segment_size(segment: Segment) -> SegmentSize:
    picked = candidates(segment).count()
    contactable = members(segment).count()
    return SegmentSize(members=contactable, left_out=picked - contactable)


@dataclass(frozen=True)
class Member:
    """One exported person: the columns of a CSV line and of the API's item."""

    id: int
    public_name: str
    email: str
    locale: str
    consent_granted_at: datetime
    figure: float


def member_rows(people: QuerySet) -> Iterator[Member]:
    rows = people.values_list(
        "pk", "display_name", "username", "email", "preferred_locale", "consent_granted_at", "figure"
    )
    for pk, display_name, username, email, locale, granted_at, figure in rows.iterator(
        chunk_size=ROWS_PER_FETCH
    ):
        # Influence is stored to the float's last digit; six decimals tell any two people apart.
        yield Member(pk, display_name or username, email, locale, granted_at, round(figure, 6))


def csv_header(segment: Segment) -> list[str]:
    return [
        _("public name"),
        _("e-mail"),
        _("language"),
        _("marketing consent given at"),
        str(RULES[segment.rule].figure_label),
    ]


@transaction.atomic
def log_export(*, segment: Segment, by, by_name: str = "", format: str, row_count: int) -> SegmentExport:
    """Record who downloaded which segment's members, when, in which format and how many rows.

    `by` is the editor; an API key has no account, and is logged by its name (`by_name`)."""
    export = SegmentExport.objects.create(
        segment=segment,
        segment_name=segment.name,
        by=by,
        by_name=by_name or by.get_username(),
        format=format,
        row_count=row_count,
    )
    segment_exported.send(sender=SegmentExport, export=export)
    return export


def start_csv_export(*, segment: Segment, by, by_name: str = "") -> tuple[SegmentExport, Iterator[Member]]:
    """Log the download (with the number of members it holds) and hand back its rows to stream."""
    people = members(segment)
    export = log_export(
        segment=segment, by=by, by_name=by_name, format=ExportFormat.CSV, row_count=people.count()
    )
    return export, member_rows(people)
