"""Closing the loop: editors link complaints and questions to the idea that answers them."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.community.moderation import RESOLVABLE_KINDS, require_moderator
from brand_hub.core.errors import Conflict, Refused

from .models import IdeaAnswerLink, IdeaPage
from .signals import idea_answers_linked, idea_answers_unlinked

#: How many comments one request may link or unlink.
MAX_COMMENTS_PER_CALL = 100


def _comment_ids(comment_ids: list[int]) -> list[int]:
    ids = list(dict.fromkeys(comment_ids))
    if not ids:
        raise Refused(_("Name at least one comment."), field="comment_ids")
    if len(ids) > MAX_COMMENTS_PER_CALL:
        raise Refused(
            _("At most %(count)s comments at a time.") % {"count": MAX_COMMENTS_PER_CALL}, field="comment_ids"
        )
    return ids


def _ensure_answerable(comment_id: int, comment: dict | None) -> None:
    if comment is None:
        raise Refused(_("There is no comment with id %(id)s.") % {"id": comment_id}, field="comment_ids")
    if comment["kind"] not in RESOLVABLE_KINDS:
        raise Refused(
            _("Comment %(id)s is not a complaint or a question: only those are answered by an idea.")
            % {"id": comment_id},
            field="comment_ids",
        )
    if comment["state"] != CommentState.PUBLISHED:
        raise Refused(
            _("Comment %(id)s is not published: only published comments are answered by an idea.")
            % {"id": comment_id},
            field="comment_ids",
        )


@transaction.atomic
def link_answers(*, idea: IdeaPage, comment_ids: list[int], by) -> list[IdeaAnswerLink]:
    """Say that `idea` answers these published complaints and questions, on whatever page they are.

    All or nothing: one comment that cannot be linked refuses the call. A comment already linked to
    this idea stays as it is; one linked to another idea is a conflict (unlink it there first).
    Returns the links made; the community hears of them (`idea_answers_linked`) and, when the
    idea is already planned or implemented, resolves the comments and tells their authors.
    """
    require_moderator(by)
    ids = _comment_ids(comment_ids)
    idea = IdeaPage.objects.select_for_update(of=("self",)).get(pk=idea.pk)
    if not idea.live:
        raise Conflict(_("Only a published idea can answer comments."), field="idea")
    comments = {
        row["pk"]: row for row in CommunityComment.objects.filter(pk__in=ids).values("pk", "kind", "state")
    }
    for comment_id in ids:
        _ensure_answerable(comment_id, comments.get(comment_id))
    existing = dict(IdeaAnswerLink.objects.filter(comment_id__in=ids).values_list("comment_id", "idea_id"))
    elsewhere = sorted(comment_id for comment_id, idea_id in existing.items() if idea_id != idea.pk)
    if elsewhere:
        raise Conflict(
            _("Comment %(id)s is already answered by another idea: unlink it there first.")
            % {"id": elsewhere[0]},
            field="comment_ids",
        )
    new_ids = [comment_id for comment_id in ids if comment_id not in existing]
    try:
        with transaction.atomic():
            links = IdeaAnswerLink.objects.bulk_create(
                IdeaAnswerLink(idea=idea, comment_id=comment_id, linked_by=by) for comment_id in new_ids
            )
    except IntegrityError as error:  # the same comment linked in a parallel request
        raise Conflict(
            _("One of these comments was linked meanwhile: try again."), field="comment_ids"
        ) from error
    if new_ids:
        idea_answers_linked.send(sender=IdeaPage, idea=idea, comment_ids=new_ids, by=by)
    return links


@transaction.atomic
def unlink_answers(*, idea: IdeaPage, comment_ids: list[int], by) -> int:
    """Take back the links of these comments to `idea`; a comment the idea had resolved reopens."""
    require_moderator(by)
    ids = _comment_ids(comment_ids)
    links = IdeaAnswerLink.objects.filter(idea=idea, comment_id__in=ids)
    linked = set(links.values_list("comment_id", flat=True))
    missing = [comment_id for comment_id in ids if comment_id not in linked]
    if missing:
        raise Refused(
            _("Comment %(id)s is not linked to this idea.") % {"id": missing[0]}, field="comment_ids"
        )
    links.delete()
    idea_answers_unlinked.send(sender=IdeaPage, idea=idea, comment_ids=ids, by=by)
    return len(ids)


def answered_comments(idea: IdeaPage):
    """The comments linked to the idea, newest link first, with their pages."""
    return (
        CommunityComment.objects.filter(answer_link__idea=idea)
        .select_related("page", "answer_link")
        .order_by("-answer_link__linked_at", "-pk")
    )
