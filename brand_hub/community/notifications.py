"""Follows and notifications: who hears of a reply, a new comment, a status change or an official response."""

from django_tasks import task

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from brand_hub.core.errors import Conflict, Refused

from .models import Follow, Notification, NotificationKind

FOLLOWABLE_TYPES = {"ideapage", "ideachallengepage", "communitygrouppage", "ideaboardpage", "blogpage"}


def follow_page(*, user, page_id: int) -> Follow:
    page = Page.objects.live().public().select_related("content_type").filter(pk=page_id).first()
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


def notify(
    *, recipient_ids: set[int], kind: str, page: Page, message_for, comment=None
) -> list[Notification]:
    """Store one in-app notification per recipient and e-mail them in their own language.

    `message_for(language)` returns the text, so each person reads it in their preferred locale.
    """
    if not recipient_ids:
        return []
    recipients = list(get_user_model().objects.filter(pk__in=recipient_ids, is_active=True))
    notifications = []
    mails = []
    for person in recipients:
        with translation.override(person.preferred_locale):
            message = str(message_for(person.preferred_locale))
            subject = _("News from the community")
        notifications.append(
            Notification(recipient=person, kind=kind, page=page, comment=comment, message=message[:300])
        )
        if person.email:
            mails.append((subject, message, settings.DEFAULT_FROM_EMAIL, [person.email]))
    Notification.objects.bulk_create(notifications)
    if mails:
        transaction.on_commit(lambda: send_notification_mails.enqueue(mails))
    return notifications


@task()
def send_notification_mails(mails: list[list]) -> int:
    return send_mass_mail([tuple(mail) for mail in mails], fail_silently=False)


def followers_of(page_id: int, *, besides: set[int | None]) -> set[int]:
    return set(Follow.objects.filter(page_id=page_id).values_list("user_id", flat=True)) - besides


def notify_new_comment(comment) -> None:
    """Queue the new comment's notifications; call it inside the transaction that saves the comment.

    With the database task backend the task row commits with the comment and `db_worker` fans out,
    so the request neither reads the followers nor writes their notifications; the immediate backend
    (development, tests) does it all at once, inside the transaction, as before.
    """
    tell_about_new_comment.enqueue(comment.pk)


@task()
def tell_about_new_comment(comment_id: int) -> int:
    """A reply tells the parent's author; any comment tells the page's followers. Returns how many heard."""
    from .models import CommunityComment

    comment = CommunityComment.objects.select_related("page").filter(pk=comment_id).first()
    if comment is None:  # deleted (with its page) before the worker came to it
        return 0
    author_id = comment.user_id
    title = comment.page.title
    told = 0
    if not comment.is_root:
        parent_author = (
            CommunityComment.objects.filter(pk=comment.parent_id).values_list("user_id", flat=True).first()
        )
        if parent_author and parent_author != author_id:
            told += len(
                notify(
                    recipient_ids={parent_author},
                    kind=NotificationKind.REPLY,
                    page=comment.page,
                    comment=comment,
                    message_for=lambda _lang: (
                        _("%(name)s replied to your comment on “%(title)s”.")
                        % {"name": comment.user_name, "title": title}
                    ),
                )
            )
        besides = {author_id, parent_author}
    else:
        besides = {author_id}
    told += len(
        notify(
            recipient_ids=followers_of(comment.page_id, besides=besides),
            kind=NotificationKind.COMMENT,
            page=comment.page,
            comment=comment,
            message_for=lambda _lang: (
                _("%(name)s commented on “%(title)s”.") % {"name": comment.user_name, "title": title}
            ),
        )
    )
    return told


def mark_read(*, user, ids: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
