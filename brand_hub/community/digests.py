"""E-mail digests: once a day or a week, what is new for each subscriber, each digest sent once.

A run, for one frequency and the period it falls in (the brand's local day, or the week from Monday):
1. reads the subscribers in batches, with where their last digest's news ended;
2. gathers each one's news since then: their notifications (outcomes first: status changes and official
   responses; then replies and new comments on what they follow, as their preferences let them be
   stored) and their own complaints and questions resolved;
3. claims a digest of the period for those with news, one `DigestSent` row each, written by a single
   INSERT ... ON CONFLICT before anything is sent, so that a second worker finds the claim and skips;
4. sends each person's mail and marks its row sent right after the mail server accepted it.
A worker that dies between claim and send leaves rows claimed but not sent: once the claim's lease
(DIGEST_CLAIM_LEASE_SECONDS) runs out, the next run takes them over. A death between the server's
acceptance and the row's update, one mail wide, is the only way to a second copy.
"""

import datetime
import uuid
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django_tasks import task

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.db.models import F, OuterRef, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.core.errors import Refused
from brand_hub.headless.public_urls import api_origin, frontend_url, page_path

from .models import (
    CommentKind,
    CommentState,
    CommunityComment,
    DigestFrequency,
    DigestSent,
    DigestSubscription,
    Notification,
    NotificationKind,
)
from .preferences import set_digest_frequency

#: What the digest tells first in each discussion: what became of it ("answered_by_idea": a complaint or
#: question an idea answers, the kind the ideas' closing of the loop adds).
OUTCOME_KINDS = {NotificationKind.STATUS_CHANGE, NotificationKind.OFFICIAL_RESPONSE, "answered_by_idea"}
#: At most this many lines of news per discussion; the rest are counted.
LINES_PER_GROUP = 5
BATCH = 500
UNSUBSCRIBE_SALT = "brand_hub.community.digests.unsubscribe"
DIGEST_LIST = "digest"


def period_start(frequency: str, now: datetime.datetime | None = None) -> datetime.datetime:
    """The start of the period `now` falls in, in the brand's time zone (TIME_ZONE)."""
    local = timezone.localtime(now or timezone.now())
    day = local.date()
    if frequency == DigestFrequency.WEEKLY:
        day -= datetime.timedelta(days=day.weekday())
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()), local.tzinfo)


# Unsubscribing (RFC 8058): a signed token names the person and the list; it does not expire, as a
# mail may be read long after it was sent, and it can do nothing but unsubscribe.


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"user": user_id, "list": DIGEST_LIST}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(user_id: int) -> str:
    path = reverse("brand_hub_api:digest_unsubscribe")
    return f"{api_origin()}{path}?{urlencode({'token': unsubscribe_token(user_id)})}"


def subscriber_of(token: str) -> int:
    """The person a token names, or a 400 naming the token when it is forged, mangled or for another list."""
    try:
        claims = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        claims = None
    if (
        not isinstance(claims, dict)
        or claims.get("list") != DIGEST_LIST
        or not isinstance(claims.get("user"), int)
    ):
        raise Refused(_("This unsubscribe link is not valid."), field="token")
    return claims["user"]


def unsubscribe(token: str) -> int:
    """Turn the digest off for the token's person; again is harmless. Returns the person's id."""
    user_id = subscriber_of(token)
    if DigestSubscription.objects.filter(user_id=user_id).exists():
        set_digest_frequency(user_id=user_id, frequency=DigestFrequency.OFF)
    return user_id


def list_unsubscribe_headers(user_id: int) -> dict[str, str]:
    links = [f"<{unsubscribe_url(user_id)}>"]
    if settings.DIGEST_UNSUBSCRIBE_MAILTO:
        subject = urlencode({"subject": f"unsubscribe {unsubscribe_token(user_id)}"})
        links.append(f"<mailto:{settings.DIGEST_UNSUBSCRIBE_MAILTO}?{subject}>")
    return {"List-Unsubscribe": ", ".join(links), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# What a digest tells.


@dataclass
class Discussion:
    """One idea's or page's news in a digest: outcomes first, then the rest."""

    page_id: int
    title: str
    url: str | None
    outcomes: list[str] = field(default_factory=list)
    news: list[str] = field(default_factory=list)
    latest: datetime.datetime | None = None

    @property
    def shown_news(self) -> list[str]:
        return self.news[: max(LINES_PER_GROUP - len(self.outcomes), 1)]

    @property
    def more(self) -> int:
        return len(self.news) - len(self.shown_news)

    def add(self, text: str, at: datetime.datetime, *, outcome: bool) -> None:
        (self.outcomes if outcome else self.news).append(text)
        self.latest = max(self.latest or at, at)


@dataclass
class Subscriber:
    user_id: int
    email: str
    language: str
    name: str
    since: datetime.datetime
    discussions: dict[int, Discussion] = field(default_factory=dict)

    def discussion(self, page_id: int, title: str, url: str | None) -> Discussion:
        if page_id not in self.discussions:
            self.discussions[page_id] = Discussion(page_id=page_id, title=title, url=url)
        return self.discussions[page_id]

    def ordered(self) -> list[Discussion]:
        """Discussions with an outcome first, then the others; the latest news first in each part."""
        return sorted(
            self.discussions.values(), key=lambda group: (not group.outcomes, -group.latest.timestamp())
        )


def subscribers(
    frequency: str, period: datetime.datetime, lease_from: datetime.datetime, *, shard: tuple[int, int]
):
    """Batches of the subscribers still without a digest of this period (none, or a claim whose lease ran
    out), each with where their news start: the end of their last digest, or when they subscribed."""
    last_covered = DigestSent.objects.filter(user=OuterRef("user"), sent_at__isnull=False).order_by(
        "-covered_until"
    )
    done = DigestSent.objects.filter(period_start=period).exclude(
        sent_at__isnull=True, claimed_at__lt=lease_from
    )
    rows = (
        DigestSubscription.objects.filter(frequency=frequency, user__is_active=True)
        .alias(shard=F("user_id") % shard[1])
        .filter(shard=shard[0])
        .exclude(user__email="")
        .exclude(user_id__in=done.values("user_id"))
        .annotate(last_covered=Subquery(last_covered.values("covered_until")[:1]))
        .values_list(
            "user_id", "user__email", "user__preferred_locale", "user__display_name", "user__username",
            "subscribed_at", "last_covered",
        )
        .order_by("user_id")
    )  # fmt: skip
    after = 0
    while batch := list(rows.filter(user_id__gt=after)[:BATCH]):
        after = batch[-1][0]
        yield [
            Subscriber(
                user_id=user_id,
                email=email,
                language=language,
                name=display_name or username,
                since=max(moment for moment in (subscribed_at, last_covered) if moment is not None)
                if subscribed_at or last_covered
                else period,
            )
            for user_id, email, language, display_name, username, subscribed_at, last_covered in batch
        ]


RESOLVED_MESSAGES = {
    CommentKind.COMPLAINT: lambda excerpt: (
        _("Your complaint “%(excerpt)s” was resolved.") % {"excerpt": excerpt}
    ),
    CommentKind.QUESTION: lambda excerpt: (
        _("Your question “%(excerpt)s” was answered.") % {"excerpt": excerpt}
    ),
}


class PageUrls(dict):
    """The frontend URL of each page a run mentions, worked out once (Wagtail reverses a URL each time)."""

    def of(self, page_id: int, url_path: str) -> str | None:
        if page_id not in self:
            path = page_path(Page(id=page_id, url_path=url_path))
            self[page_id] = frontend_url(path) if path else None
        return self[page_id]


def gather_news(people: list[Subscriber], until: datetime.datetime, urls: PageUrls) -> None:
    """Each person's news since their `since` until `until`, grouped by discussion: two queries a batch."""
    by_id = {person.user_id: person for person in people}
    earliest = min(person.since for person in people)
    notifications = (
        Notification.objects.filter(recipient_id__in=by_id, created_at__gte=earliest, created_at__lt=until)
        .exclude(comment__state=CommentState.REMOVED)
        .filter(page__isnull=False)
        .values_list(
            "recipient_id", "kind", "message", "page_id", "page__title", "page__url_path", "created_at"
        )
        .order_by("-created_at", "-pk")
    )
    for recipient_id, kind, message, page_id, title, url_path, created_at in notifications:
        person = by_id[recipient_id]
        if created_at >= person.since:
            person.discussion(page_id, title, urls.of(page_id, url_path)).add(
                message, created_at, outcome=kind in OUTCOME_KINDS
            )
    resolved = (
        CommunityComment.objects.filter(
            user_id__in=by_id,
            kind__in=RESOLVED_MESSAGES,
            resolved_at__gte=earliest,
            resolved_at__lt=until,
        )
        .exclude(state=CommentState.REMOVED)
        .values_list("user_id", "kind", "comment", "page_id", "page__title", "page__url_path", "resolved_at")
        .order_by("-resolved_at")
    )
    for user_id, kind, text, page_id, title, url_path, resolved_at in resolved:
        person = by_id[user_id]
        if resolved_at >= person.since:
            with translation.override(person.language):
                line = RESOLVED_MESSAGES[kind](excerpt(text))
            person.discussion(page_id, title, urls.of(page_id, url_path)).add(line, resolved_at, outcome=True)


def excerpt(text: str, length: int = 80) -> str:
    plain = " ".join(strip_tags(text).split())
    return plain if len(plain) <= length else plain[: length - 1].rstrip() + "…"


# Claiming and sending.


def claim(
    people: list[Subscriber], *, frequency: str, period: datetime.datetime, until: datetime.datetime,
    worker: str, lease_from: datetime.datetime,
) -> dict[int, int]:  # fmt: skip
    """Claim this period's digest for each of `people` whom no other worker holds: {user id: claim id}.

    One statement: a new row, or a row whose claim's lease ran out without a send, taken over. A row
    another worker is inserting meanwhile makes this one wait for it and then skip the person.
    """
    if not people:
        return {}
    table = DigestSent._meta.db_table
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO {table} (user_id, frequency, period_start, covered_until, claimed_at, claimed_by)
            SELECT person, %s, %s, %s, %s, %s FROM unnest(%s::bigint[]) AS person
            ON CONFLICT (user_id, period_start) DO UPDATE
                SET covered_until = EXCLUDED.covered_until, claimed_at = EXCLUDED.claimed_at,
                    claimed_by = EXCLUDED.claimed_by, frequency = EXCLUDED.frequency
                WHERE {table}.sent_at IS NULL AND {table}.claimed_at < %s
            RETURNING user_id, id
            """,  # noqa: S608 (the table's name is the model's)
            [frequency, period, until, now, worker, [person.user_id for person in people], lease_from],
        )
        return dict(cursor.fetchall())


def site_names() -> dict[str, str]:
    from brand_hub.core.models import LocalizedSiteSettings

    return dict(LocalizedSiteSettings.objects.values_list("locale__language_code", "site_name"))


def digest_mail(person: Subscriber, *, frequency: str, site_name: str) -> EmailMultiAlternatives:
    with translation.override(person.language):
        context = {
            "name": person.name,
            "site_name": site_name,
            "frequency": frequency,
            "discussions": person.ordered(),
            "preferences_url": frontend_url(f"/{person.language}/account/notifications"),
        }
        subject = " ".join(render_to_string("community/email/digest_subject.txt", context).split())
        text = render_to_string("community/email/digest_message.txt", context)
        html = render_to_string("community/email/digest_message.html", context)
    mail = EmailMultiAlternatives(
        subject,
        text,
        settings.DEFAULT_FROM_EMAIL,
        [person.email],
        headers=list_unsubscribe_headers(person.user_id),
    )
    mail.attach_alternative(html, "text/html")
    return mail


@dataclass
class DigestRun:
    frequency: str
    period_start: datetime.datetime
    subscribers: int = 0
    with_news: int = 0
    claimed: int = 0
    sent: int = 0


def send_digests(
    *,
    frequency: str,
    now: datetime.datetime | None = None,
    shard: tuple[int, int] = (0, 1),
    progress: Callable[[DigestRun], None] | None = None,
) -> DigestRun:
    """Send this period's digest to every subscriber of `frequency` with news and none yet this period.

    `shard` (i, n) takes only the people whose id is i modulo n: n runs side by side share the work
    (the claims keep them from sending anyone two digests whatever shards they are given).
    """
    frequency = DigestFrequency(frequency)
    if frequency == DigestFrequency.OFF:
        raise ValueError("The digest is sent daily or weekly.")
    now = now or timezone.now()
    run = DigestRun(frequency=frequency, period_start=period_start(frequency, now))
    worker = uuid.uuid4().hex
    lease_from = now - datetime.timedelta(seconds=settings.DIGEST_CLAIM_LEASE_SECONDS)
    names, urls = site_names(), PageUrls()
    with get_connection() as mail_server, marks_without_waiting_for_the_disk():
        for people in subscribers(frequency, run.period_start, lease_from, shard=shard):
            run.subscribers += len(people)
            gather_news(people, now, urls)
            with_news = [person for person in people if person.discussions]
            run.with_news += len(with_news)
            claims = claim(
                with_news,
                frequency=frequency,
                period=run.period_start,
                until=now,
                worker=worker,
                lease_from=lease_from,
            )
            run.claimed += len(claims)
            run.sent += send_claimed(
                (person for person in with_news if person.user_id in claims),
                claims,
                mail_server,
                names,
                frequency,
            )
            if progress:
                progress(run)
    return run


@contextmanager
def marks_without_waiting_for_the_disk():
    """Each mail's mark commits without waiting for PostgreSQL's WAL flush (synchronous_commit off):
    a mark a moment later on disk is safe from a worker's death (the server has it) and only a crash
    of the database server itself could lose the last fraction of a second of them; waiting for the
    disk after every mail was a third of a run's time."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def send_claimed(people: Iterable[Subscriber], claims: dict[int, int], mail_server, names, frequency) -> int:
    sent = 0
    default_name = names.get(settings.LANGUAGE_CODE) or settings.WAGTAIL_SITE_NAME
    for person in people:
        mail = digest_mail(person, frequency=frequency, site_name=names.get(person.language) or default_name)
        mail.connection = mail_server
        mail.send()
        # Marked as soon as the server took it: a crash from here on cannot bring a second copy.
        DigestSent.objects.filter(pk=claims[person.user_id]).update(sent_at=timezone.now())
        sent += 1
    return sent


@task()
def send_digests_task(frequency: str, shard: list[int] | None = None) -> int:
    """The digest run on the task queue; how many were sent."""
    return send_digests(frequency=frequency, shard=tuple(shard or (0, 1))).sent
