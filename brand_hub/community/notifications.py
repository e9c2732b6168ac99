"""Follows and notifications: who hears of a reply, a new comment, a status change or an official response."""

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.core.errors import Conflict, Refused
from brand_hub.core.selectors import closed_to, page_readers, readable_pages

from . import signals
from .models import (
    Follow,
    Notification,
    NotificationChannel,
    NotificationKind,
    NotificationPreference,
    PersonFollow,
)
from .mutes import has_muted

FOLLOWABLE_TYPES = {"ideapage", "ideachallengepage", "communitygrouppage", "ideaboardpage", "blogpage"}

#: How a person hears of a kind until they choose otherwise, where it differs from the e-mail every
#: kind came with before preferences existed (a kind another app adds keeps being e-mailed too).
DEFAULT_CHANNELS: dict[str, str] = {}


def default_channel(kind: str) -> str:
    return DEFAULT_CHANNELS.get(kind, NotificationChannel.EMAIL)


def channel_for(user_id: int, kind: str) -> str:
    """How this person hears of this kind: `in_app`, `email` (in the app too) or `none`."""
    chosen = NotificationPreference.objects.filter(user_id=user_id, kind=kind).values_list(
        "channel", flat=True
    )
    return chosen.first() or default_channel(kind)


def follow_page(*, user, page_id: int) -> Follow:
    page = readable_pages(user).select_related("content_type").filter(pk=page_id).first()
    if page is None:
        raise Refused(_("No published page has this id."), field="page_id", status=404)
    if page.content_type.model not in FOLLOWABLE_TYPES:
        raise Refused(_("Ideas, challenges, boards, groups and posts can be followed."), field="page_id")
    try:
        with transaction.atomic():
            return Follow.objects.create(user=user, page=page)
    except IntegrityError:
        raise Conflict(_("You already follow this page."), field="page_id") from None


def unfollow_page(*, user, page_id: int) -> None:
    deleted, _count = Follow.objects.filter(user=user, page_id=page_id).delete()
    if not deleted:
        raise Refused(_("You do not follow this page."), field="page_id", status=404)


def follow_person(*, user, person_id: int) -> PersonFollow:
    """Follow someone whose public profile exists: their new comments and ideas come to the feed."""
    person = get_user_model().objects.filter(pk=person_id, is_active=True).first()
    if person is None:
        raise Refused(_("No member has this id."), field="user_id", status=404)
    if person.pk == user.pk:
        raise Refused(_("You cannot follow yourself."), field="user_id")
    try:
        with transaction.atomic():
            return PersonFollow.objects.create(follower=user, followed=person)
    except IntegrityError:
        raise Conflict(_("You already follow this person."), field="user_id") from None


def unfollow_person(*, user, person_id: int) -> None:
    deleted, _count = PersonFollow.objects.filter(follower=user, followed_id=person_id).delete()
    if not deleted:
        raise Refused(_("You do not follow this person."), field="user_id", status=404)


def follows_of(user, *, page_id: int | None = None, person_id: int | None = None) -> QuerySet:
    """What and whom `user` follows, newest first, as rows (kind, page_id, person_id, created_at, pk)
    of one list over the two tables; `page_id` or `person_id` keeps only that page or that person."""
    nothing = Value(None, output_field=IntegerField())
    # Not the pages of an internal challenge or group the person has left since.
    pages = Follow.objects.filter(user=user).exclude(closed_to(user, "page__"))
    pages = pages.annotate(kind=Value("page"), person=nothing)
    people = PersonFollow.objects.filter(follower=user).annotate(kind=Value("person"), page=nothing)
    if page_id is not None:
        pages, people = pages.filter(page_id=page_id), people.none()
    if person_id is not None:
        pages, people = pages.none(), people.filter(followed_id=person_id)
    return (
        pages.values_list("kind", "page_id", "person", "created_at", "pk")
        .union(people.values_list("kind", "page", "followed_id", "created_at", "pk"), all=True)
        .order_by("-created_at", "-pk")
    )


def follows_out(rows: list[tuple]) -> list[dict]:
    """Follow rows of `follows_of` with the page's title or the person's name: two queries."""
    titles = dict(Page.objects.filter(pk__in=[row[1] for row in rows if row[1]]).values_list("pk", "title"))
    names = {
        person.pk: person.display_name or _("Community member")
        for person in get_user_model()
        .objects.filter(pk__in=[row[2] for row in rows if row[2]])
        .only("display_name")
    }
    return [
        {
            "kind": kind,
            "page_id": page_id,
            "person_id": person_id,
            "title": titles.get(page_id, "") if kind == "page" else names.get(person_id, ""),
            "created_at": created_at,
        }
        for kind, page_id, person_id, created_at, _pk in rows
    ]


def notify(
    *, recipient_ids: set[int], kind: str, page: Page, message_for, comment=None
) -> list[Notification]:
    """Store one in-app notification per recipient and e-mail them in their own language.

    `message_for(language)` returns the text, so each person reads it in their preferred locale.
    """
    if not recipient_ids:
        return []
    notifications, mails = _store_notifications(
        get_user_model().objects.filter(pk__in=recipient_ids),
        kind=kind,
        page_id=page.pk,
        comment_id=comment.pk if comment is not None else None,
        message_for=message_for,
        comment_author_id=comment.user_id if comment is not None else None,
    )
    _send_mails(mails)
    return notifications


def _store_notifications(
    people: QuerySet, *, kind: str, page_id: int, comment_id: int | None, message_for, comment_author_id
) -> tuple[list[Notification], list[tuple]]:
    """Notifications for the active ones among `people` who want this kind, stored, and the e-mails of
    those who want them by e-mail, not sent yet; their preferences are read with their accounts."""
    notifications, mails = _notifications_for(
        people, messages={kind: message_for}, page_id=page_id, comment_id=comment_id
    )
    _save_notifications(notifications, comment_author_id=comment_author_id)
    return notifications, mails


def _notifications_for(
    people: QuerySet, *, messages: dict, kind_of=None, page_id: int, comment_id: int | None
) -> tuple[list[Notification], list[tuple]]:
    """What `_store_notifications` stores and sends, made but not stored yet, in one query.

    `messages` maps each kind to the function that gives its text in a language; with several kinds,
    `kind_of(person_id)` says which one a person gets. Each person's choice of channel for their kind
    is read with their account.
    """
    kinds = list(messages)
    if kind_of is None:
        (only,) = kinds
        kind_of = lambda _person_id: only  # noqa: E731
    chosen = {
        f"channel_{index}": Subquery(
            NotificationPreference.objects.filter(user=OuterRef("pk"), kind=kind).values("channel")[:1]
        )
        for index, kind in enumerate(kinds)
    }
    rows = people.filter(is_active=True).annotate(**chosen)
    notifications = []
    mails = []
    for person_id, language, email, *channels in rows.values_list("pk", "preferred_locale", "email", *chosen):
        kind = kind_of(person_id)
        channel = channels[kinds.index(kind)] or default_channel(kind)
        if channel == NotificationChannel.NONE:
            continue
        with translation.override(language):
            message = str(messages[kind](language))
            subject = _("News from the community")
        notifications.append(
            Notification(
                recipient_id=person_id,
                kind=kind,
                page_id=page_id,
                comment_id=comment_id,
                message=message[:300],
            )
        )
        if email and channel == NotificationChannel.EMAIL:
            mails.append((subject, message, settings.DEFAULT_FROM_EMAIL, [email]))
    return notifications, mails


def _save_notifications(notifications: list[Notification], *, comment_author_id: int | None) -> None:
    """Store them (all about one comment, or about none) and announce them with the comment's author."""
    if notifications:
        with transaction.atomic():
            Notification.objects.bulk_create(notifications)
            signals.notifications_created.send(
                sender=Notification, notifications=notifications, comment_author_id=comment_author_id
            )


def _send_mails(mails: list[tuple]) -> None:
    """E-mail once the notifications are stored for good.

    Inside a transaction (a request, or a task the immediate backend runs in one) the mails are a
    task queued after the commit, so a rolled-back write sends nothing and a failing mail server
    never fails the request. Outside one, this already is `db_worker` running a task whose
    notifications are committed: it sends them itself rather than queue a second task.
    """
    if not mails:
        return
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: send_notification_mails.enqueue(mails))
    else:
        send_notification_mails.call(mails)


@task()
def send_notification_mails(mails: list[list]) -> int:
    return send_mass_mail([tuple(mail) for mail in mails], fail_silently=False)


def reply_message(name: str, title: str) -> str:
    return _("%(name)s replied to your comment on “%(title)s”.") % {"name": name, "title": title}


def comment_message(name: str, title: str) -> str:
    return _("%(name)s commented on “%(title)s”.") % {"name": name, "title": title}


#: The notifications whose text names the comment's author.
NAMING_THE_AUTHOR = {NotificationKind.REPLY: reply_message, NotificationKind.COMMENT: comment_message}


def forget_author(comment_ids: list[int]) -> int:
    """Reword the notifications other people got about these comments as coming from a former member,
    each in its recipient's language: an erased account leaves its name in nobody's notifications."""
    notifications = list(
        Notification.objects.filter(comment_id__in=comment_ids, kind__in=NAMING_THE_AUTHOR)
        .select_related("recipient", "page")
        .only("kind", "message", "recipient__preferred_locale", "page__title")
    )
    for notification in notifications:
        with translation.override(notification.recipient.preferred_locale):
            message = NAMING_THE_AUTHOR[notification.kind](
                _("A former member"), notification.page.title if notification.page else ""
            )
        notification.message = message[:300]
    Notification.objects.bulk_update(notifications, ["message"], batch_size=500)
    return len(notifications)


def followers_of(page_id: int, *, besides: set[int | None]) -> set[int]:
    return set(Follow.objects.filter(page_id=page_id).values_list("user_id", flat=True)) - besides


def notify_new_comment(comment, *, parent_author_id: int | None = None) -> None:
    """Queue the new comment's notifications if anyone would hear of it; call it inside the
    transaction that saves the comment, with the author of the comment it replies to.

    With the database task backend the task row commits with the comment and `db_worker` fans out,
    so the request neither reads the followers' accounts nor writes their notifications; the
    immediate backend (development, tests) does it all at once, inside the transaction. Most
    comments on a page nobody follows tell no one: one EXISTS here is far cheaper than a task that
    finds nobody to tell.
    """
    if comment.is_root:
        besides = {comment.user_id}
    elif parent_author_id and parent_author_id != comment.user_id:
        tell_about_new_comment.enqueue(comment.pk)  # the parent's author hears of it
        return
    else:
        besides = {comment.user_id, parent_author_id}
    # Besides the author, the parent's author here is the author or nobody: `commentable_page` may have
    # asked already whether anyone else follows the page.
    reader_id, followed = getattr(comment.page, "followers_besides", (None, None))
    if reader_id is None or reader_id != comment.user_id:
        followed = (
            Follow.objects.filter(page_id=comment.page_id)
            .exclude(user_id__in=[person for person in besides if person is not None])
            .exists()
        )
    if followed:
        tell_about_new_comment.enqueue(comment.pk)


@task()
def tell_about_new_comment(comment_id: int) -> int:
    """A reply tells the parent's author; any comment tells the page's followers; nobody who muted its
    author hears of it. Returns how many heard."""
    from .models import CommunityComment

    # The parent's author with the comment (xtd's parent_id is a plain number, not a foreign key).
    parent_author = CommunityComment.objects.filter(pk=OuterRef("parent_id")).values("user_id")[:1]
    comment = (
        CommunityComment.objects.filter(pk=comment_id)
        .annotate(parent_author_id=Subquery(parent_author))
        .values("user_id", "user_name", "parent_id", "page_id", "page__title", "parent_author_id")
        .first()
    )
    if comment is None:  # deleted (with its page) before the worker came to it
        return 0
    author_id, name, title = comment["user_id"], comment["user_name"], comment["page__title"]
    readers = page_readers(comment["page_id"])  # the page's group restrictions
    if readers is None:
        return 0
    accounts = get_user_model().objects.filter(readers).filter(~has_muted(author_id=author_id))
    # A reply tells the parent's author (unless they wrote it); the page's followers hear of any comment.
    replied_to = comment["parent_author_id"] if comment["parent_id"] != comment_id else None
    if replied_to == author_id:
        replied_to = None
    follows_the_page = Exists(Follow.objects.filter(user=OuterRef("pk"), page_id=comment["page_id"]))
    # Everyone told and their accounts in one query.
    people = accounts.filter(Q(pk=replied_to) | follows_the_page if replied_to else follows_the_page)
    if author_id is not None:
        people = people.exclude(pk=author_id)
    notifications, mails = _notifications_for(
        people,
        messages={
            NotificationKind.REPLY: lambda _lang: reply_message(name, title),
            NotificationKind.COMMENT: lambda _lang: comment_message(name, title),
        },
        kind_of=lambda person: NotificationKind.REPLY if person == replied_to else NotificationKind.COMMENT,
        page_id=comment["page_id"],
        comment_id=comment_id,
    )
    _save_notifications(notifications, comment_author_id=author_id)  # one transaction, one insert
    _send_mails(mails)  # one connection to the mail server for all of them
    return len(notifications)


def mark_read(*, user, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
