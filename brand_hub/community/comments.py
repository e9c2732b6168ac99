"""What prosumers do with comments: post, reply, edit, delete, react and flag."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

from brand_hub.core.errors import Conflict, NotAllowed, Refused
from brand_hub.core.selectors import passed_by, public_page_sql
from brand_hub.sentiment.scoring import comment_sentiment
from brand_hub.sentiment.services import Rescored, RescoreOptions, rescore
from search.models import SearchedIndex
from search.outbox import record_change

from . import signals
from .markup import clean_comment_html, link_count, plain_text
from .models import (
    CommentKind,
    CommentReaction,
    CommentReport,
    CommentState,
    CommunityComment,
    FlagReason,
    HoldReason,
    ReactionValue,
)
from .moderation import can_moderate, hold_comment, kind_changes
from .notifications import notify_new_comment
from .screening import Contribution, screen

#: Page types that carry a discussion (app_label.model).
COMMENTABLE_TYPES = {
    "blog.blogpage",
    "community_groups.communitygrouppage",
    "ideas.ideachallengepage",
    "ideas.ideapage",
}


# A public page (brand_hub.core.selectors) in one plain query: the ORM spent about 4 ms of CPU
# building the same query with its EXISTS on every comment and every read of a discussion, this 0.4 ms.
#: The page, and whether anyone but the reader follows it (the second parameter: the reader's id, 0 for
#: none): a new comment's notifications need that, and asking it here saves a query of its own.
COMMENTABLE_PAGE_SQL = """
    SELECT page.id, page.path, page.content_type_id, page.locale_id, locale.language_code,
        EXISTS (
            SELECT 1 FROM community_follow follow WHERE follow.page_id = page.id AND follow.user_id <> %s
        ) AS followed_by_others
    FROM wagtailcore_page page JOIN wagtailcore_locale locale ON locale.id = page.locale_id
    WHERE page.id = %s AND {readable}
"""
PUBLIC_COMMENTABLE_PAGE_SQL = COMMENTABLE_PAGE_SQL.format(readable=public_page_sql("page"))


#: django-comments' column for the author's name (50 characters).
AUTHOR_NAME_MAX_LENGTH = CommunityComment._meta.get_field("user_name").max_length


def author_name(user) -> str:
    """The name a comment shows for its author, cut to fit its column.

    Display names are limited to fit (`users.models.DISPLAY_NAME_MAX_LENGTH`), but a username, or a
    name stored before the limit, may be longer: it must never stop the person from commenting.
    """
    return (user.display_name or user.get_username())[:AUTHOR_NAME_MAX_LENGTH]


def commentable_page(page_id: int, reader=None) -> Page:
    """The live page a comment may hang on, public or readable by `reader`, or a refusal naming page_id.

    Only the columns a comment needs are read, with the page's content type (cached) and locale, and
    `page.followers_besides` = (the reader's id, whether anyone else follows the page).
    """
    passed = passed_by(reader)
    sql = (
        COMMENTABLE_PAGE_SQL.format(readable=public_page_sql("page", passed=passed))
        if passed
        else PUBLIC_COMMENTABLE_PAGE_SQL
    )
    reader_id = reader.pk if reader is not None and reader.is_authenticated else None
    page = next(iter(Page.objects.raw(sql, [reader_id or 0, page_id])), None)
    if page is None:
        raise Refused(_("No published page has this id."), field="page_id", status=404)
    page.followers_besides = (reader_id, bool(page.followed_by_others))
    page.locale = Locale(pk=page.locale_id, language_code=page.language_code)
    page.content_type = content_type = ContentType.objects.get_for_id(page.content_type_id)
    if f"{content_type.app_label}.{content_type.model}" not in COMMENTABLE_TYPES:
        raise Refused(_("This kind of page has no discussion."), field="page_id")
    return page


def cleaned_text(text: str) -> str:
    cleaned = clean_comment_html(text)
    if not plain_text(cleaned):
        raise Refused(_("Write something: the comment is empty."), field="text")
    if len(cleaned) > settings.COMMENTS_MAX_LENGTH:
        raise Refused(
            _("The comment is too long (at most %(limit)s characters).")
            % {"limit": settings.COMMENTS_MAX_LENGTH},
            field="text",
        )
    return cleaned


def _reply_parent(parent_id: int, page: Page) -> CommunityComment:
    # Only what a reply needs of its parent; xtd reads the parent again to number the thread.
    parent = (
        CommunityComment.objects.filter(pk=parent_id, page=page)
        .select_related(None)
        .only("state", "level", "thread_id", "user_id")
        .first()
    )
    if parent is None or parent.state != CommentState.PUBLISHED:
        raise Refused(_("There is no published comment with this id on the page."), field="parent_id")
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise Refused(
            _("Replies go at most %(depth)s levels deep; reply higher up the thread.")
            % {"depth": settings.COMMENTS_XTD_MAX_THREAD_LEVEL},
            field="parent_id",
        )
    return parent


def post_comment(
    *,
    author,
    page: Page,
    text: str,
    kind: str = CommentKind.OTHER,
    parent_id: int | None = None,
    ip_address: str | None = None,
) -> CommunityComment:
    """Post a comment or a reply in the page's language; blocklisted words hold it for review."""
    cleaned = cleaned_text(text)
    with transaction.atomic():
        parent = None
        if parent_id:
            parent = _reply_parent(parent_id, page)
            # One writer per thread at a time: xtd numbers the thread's order from its current maximum.
            locked = (
                CommunityComment.objects.select_for_update(of=("self",))
                .filter(pk=parent.thread_id)
                .values_list("locked", flat=True)
                .get()
            )
            if locked:
                raise Conflict(_("This thread is locked: no more replies."), field="parent_id")
        language = page.locale.language_code
        hold = screen(
            Contribution(
                author=author,
                text=plain_text(cleaned),
                language=language,
                kind="comment",
                links=link_count(cleaned),
            )
        )
        held = hold is not None
        sentiment = comment_sentiment(cleaned, locale=language)
        comment = CommunityComment(
            content_type=page.content_type,  # xtd reads its thread depth from it
            object_pk=str(page.pk),
            page=page,
            site_id=settings.SITE_ID,
            user=author,
            user_name=author_name(author),
            user_email=author.email,
            comment=cleaned,
            kind=kind,
            language=page.locale.language_code,
            parent_id=parent.pk if parent else 0,
            ip_address=ip_address,
            submit_date=timezone.now(),
            is_public=not held,
            state=CommentState.HELD if held else CommentState.PUBLISHED,
            hold_reason=hold.reason if held else HoldReason.NONE,
            hold_detail=hold.detail if held else "",
            sentiment=sentiment.label,
            sentiment_score=sentiment.score,
        )
        comment.save()
        # The reply changes its parent's reply count as well.
        record_change(SearchedIndex.COMMENTS, [comment.pk, parent.pk if parent else None])
        if not held:
            # Queued with the comment; e-mails leave after the commit.
            notify_new_comment(comment, parent_author_id=parent.user_id if parent else None)
        signals.comment_posted.send(sender=CommunityComment, comment=comment)
    return comment


def _own_comment(comment: CommunityComment, person) -> None:
    if comment.user_id != person.pk:
        raise NotAllowed(_("Only its author may change this comment."))


def edit_window_end(comment: CommunityComment) -> datetime:
    """Until when the author may edit the comment's words."""
    return comment.submit_date + timedelta(minutes=settings.COMMENTS_EDIT_WINDOW_MINUTES)


def edit_comment(*, comment: CommunityComment, by, text: str | None = None, kind: str | None = None):
    """Authors edit their words within the edit window; moderators may correct the kind at any time."""
    changes: dict = {}
    if text is not None:
        _own_comment(comment, by)
        if timezone.now() > edit_window_end(comment):
            raise Conflict(
                _("Comments can be edited for %(minutes)s minutes after posting.")
                % {"minutes": settings.COMMENTS_EDIT_WINDOW_MINUTES},
                field="text",
            )
        if comment.state == CommentState.REMOVED:
            raise Conflict(_("A removed comment cannot be edited."), field="text")
        changes["comment"] = cleaned_text(text)
        changes["edited_at"] = timezone.now()
        sentiment = comment_sentiment(changes["comment"], locale=comment.language)
        changes.update(sentiment=sentiment.label, sentiment_score=sentiment.score)
    if kind is not None:
        if comment.user_id != by.pk and not can_moderate(by, comment):
            raise NotAllowed(_("Only the author or a moderator may change the kind."))
        changes.update(kind_changes(kind))
    if not changes:
        return comment
    with transaction.atomic():
        # update() rather than save(): xtd's pre_save hook would republish held replies.
        CommunityComment.objects.filter(pk=comment.pk).update(**changes)
        record_change(SearchedIndex.COMMENTS, [comment.pk])
        comment.refresh_from_db()
        if "comment" in changes and comment.state == CommentState.PUBLISHED:
            contribution = Contribution(
                author=comment.user,
                text=plain_text(comment.comment),
                language=comment.language,
                kind="comment",
                edit=True,
                links=link_count(comment.comment),
            )
            if (hold := screen(contribution)) is not None:
                hold_comment(comment, reason=hold.reason, detail=hold.detail)
        # After the hold: words that hold the comment must reach the moderators only.
        signals.comment_edited.send(sender=CommunityComment, comment=comment)
    return comment


def delete_own_comment(*, comment: CommunityComment, by) -> None:
    """The author withdraws a comment; replies stay, the comment shows as removed."""
    _own_comment(comment, by)
    with transaction.atomic():
        previous = comment.state
        CommunityComment.objects.filter(pk=comment.pk).update(
            state=CommentState.REMOVED,
            is_removed=True,
            is_public=False,
            moderated_by=by,
            moderated_at=timezone.now(),
        )
        record_change(SearchedIndex.COMMENTS, [comment.pk, None if comment.is_root else comment.parent_id])
        comment.refresh_from_db()
        if previous != comment.state:
            signals.comment_state_changed.send(
                sender=CommunityComment, comment=comment, previous=previous, by=by
            )


def _visible_for_reaction(comment: CommunityComment) -> None:
    if comment.state != CommentState.PUBLISHED:
        raise Refused(_("There is no published comment with this id."), field="comment_id", status=404)


COUNTER = {ReactionValue.LIKE: "like_count", ReactionValue.DISLIKE: "dislike_count"}


def may_react(comment: CommunityComment, user) -> bool:
    """A signed-in person may like or dislike a published comment that is not their own."""
    return (
        user is not None
        and user.is_authenticated
        and comment.state == CommentState.PUBLISHED
        and comment.user_id != user.pk
    )


def react(*, comment: CommunityComment, user, value: str) -> str:
    """Like or dislike, once per person; reacting again with the other value switches it.

    Not on one's own comment: its likes count as the community's response to its author (the
    public profile's likes received, the influence ranking).
    """
    _visible_for_reaction(comment)
    if comment.user_id == user.pk:
        raise Refused(_("You cannot react to your own comment."), field="comment_id")
    try:
        with transaction.atomic():
            existing = CommentReaction.objects.select_for_update().filter(comment=comment, user=user).first()
            if existing is not None and existing.value == value:
                return value
            if existing is not None:
                CommentReaction.objects.filter(pk=existing.pk).update(value=value)
                CommunityComment.objects.filter(pk=comment.pk).update(
                    **{
                        COUNTER[value]: F(COUNTER[value]) + 1,
                        COUNTER[existing.value]: F(COUNTER[existing.value]) - 1,
                    }
                )
            else:
                existing = CommentReaction.objects.create(comment=comment, user=user, value=value)
                CommunityComment.objects.filter(pk=comment.pk).update(
                    **{COUNTER[value]: F(COUNTER[value]) + 1}
                )
            record_change(SearchedIndex.COMMENTS, [comment.pk])
            existing.value = value
            signals.reaction_added.send(sender=CommentReaction, reaction=existing)
    except IntegrityError:
        # The same person's concurrent request won the race: one reaction stands, counted once.
        return value
    return value


def withdraw_reaction(*, comment: CommunityComment, user) -> None:
    with transaction.atomic():
        reaction = CommentReaction.objects.select_for_update().filter(comment=comment, user=user).first()
        if reaction is None:
            raise Refused(_("You have not reacted to this comment."), field="comment_id", status=404)
        reaction.delete()
        CommunityComment.objects.filter(pk=comment.pk).update(
            **{COUNTER[reaction.value]: F(COUNTER[reaction.value]) - 1}
        )
        record_change(SearchedIndex.COMMENTS, [comment.pk])


def flag_comment(*, comment: CommunityComment, reporter, reason: FlagReason, note: str = "") -> CommentReport:
    """Report a comment; enough reports from different people hold it for review."""
    _visible_for_reaction(comment)
    if comment.user_id == reporter.pk:
        raise Refused(_("You cannot flag your own comment."), field="comment_id")
    try:
        with transaction.atomic():
            report = CommentReport.objects.create(
                comment=comment, reporter=reporter, reason=reason, note=note
            )
            CommunityComment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
            current = CommunityComment.objects.select_for_update(of=("self",)).get(pk=comment.pk)
            if (
                current.flag_count >= settings.COMMENTS_HOLD_AFTER_FLAGS
                and current.state == CommentState.PUBLISHED
            ):
                hold_comment(current, reason=HoldReason.FLAGS)
    except IntegrityError:
        raise Conflict(_("You have already flagged this comment."), field="comment_id") from None
    return report


def _store_sentiment(comments: list[CommunityComment]) -> None:
    with transaction.atomic():
        CommunityComment.objects.bulk_update(comments, ["sentiment", "sentiment_score"])
        record_change(SearchedIndex.COMMENTS, [comment.pk for comment in comments])


def rescore_sentiment(options: RescoreOptions) -> Rescored:
    """Score every stored comment again (after a lexicon or rule change); changes reach the index."""
    return rescore(
        CommunityComment.objects.select_related(None).only(
            "pk", "comment", "language", "sentiment", "sentiment_score"
        ),
        name="comments",
        score=lambda comment: comment_sentiment(comment.comment, locale=comment.language),
        store=_store_sentiment,
        options=options,
    )
