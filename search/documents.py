"""Build index documents from the database, many at a time, in a fixed number of queries."""

from django.db.models import Count, Q

from wagtail.models import Page

from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.ideas.models import IdeaPage

from .indices.fields import split_by_language
from .language import detect_language

GROUP, CHALLENGE, BOARD, IDEA = "communitygrouppage", "ideachallengepage", "ideaboardpage", "ideapage"


def _page_context(pages: list[Page]) -> dict[int, dict]:
    """Per page: type, URL and the group, challenge or board it belongs to (an idea's parent)."""
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.content_type.model == IDEA}
    parents = {
        parent.path: parent
        for parent in Page.objects.filter(path__in=parent_paths).select_related("content_type")
    }
    context = {}
    for page in pages:
        model = page.content_type.model
        holder = parents.get(page.path[: -Page.steplen]) if model == IDEA else page
        holder_model = holder.content_type.model if holder is not None else None
        context[page.pk] = {
            "page_type": f"{page.content_type.app_label}.{model}",
            "page_title": page.title,
            "page_url": page.get_url(),
            "locale": page.locale.language_code,
            "group_id": holder.pk if holder_model == GROUP else None,
            "challenge_id": holder.pk if holder_model == CHALLENGE else None,
            "board_id": holder.pk if holder_model == BOARD else None,
            "parent_id": holder.pk if model == IDEA and holder is not None else None,
            "parent_type": {CHALLENGE: "challenge", BOARD: "board"}.get(holder_model),
        }
    return context


def comment_documents(ids) -> dict[int, dict | None]:
    """{comment id: its document}, or None for a comment that no longer exists (to be deleted)."""
    # Pages are few per batch: loaded once each, not joined into every comment's row (a Wagtail
    # page instance per comment cost more than the rest of the document).
    comments = list(CommunityComment.objects.filter(pk__in=ids).select_related(None))
    replies = dict(
        CommunityComment.objects.filter(parent_id__in=[c.pk for c in comments], state=CommentState.PUBLISHED)
        .exclude(pk__in=[c.pk for c in comments if c.is_root])
        .values_list("parent_id")
        .annotate(count=Count("pk"))
        .values_list("parent_id", "count")
    )
    pages = _page_context(
        list(
            Page.objects.filter(pk__in={c.page_id for c in comments}).select_related("content_type", "locale")
        )
    )
    documents: dict[int, dict | None] = dict.fromkeys(ids)
    for comment in comments:
        page = pages[comment.page_id]
        text = plain_text(comment.comment)
        language = detect_language(text, default=comment.language)
        documents[comment.pk] = {
            "comment_id": comment.pk,
            "text": text,
            **split_by_language("text", text, language),
            "language": language,
            "locale": comment.language,
            "kind": comment.kind,
            "state": comment.state,
            "resolved": comment.resolved_at is not None,
            "resolved_at": comment.resolved_at,
            "sentiment": comment.sentiment or None,
            "sentiment_score": comment.sentiment_score,
            "like_count": comment.like_count,
            "dislike_count": comment.dislike_count,
            "reply_count": replies.get(comment.pk, 0),
            "author_id": comment.user_id,
            "author_name": comment.user_name or None,
            "page_id": comment.page_id,
            "page_type": page["page_type"],
            "page_title": page["page_title"],
            "page_url": page["page_url"],
            "group_id": page["group_id"],
            "challenge_id": page["challenge_id"],
            "board_id": page["board_id"],
            "thread_id": comment.thread_id,
            "parent_id": None if comment.is_root else comment.parent_id,
            "created_at": comment.submit_date,
            "updated_at": comment.edited_at or comment.moderated_at or comment.submit_date,
        }
    return documents


def idea_documents(ids) -> dict[int, dict | None]:
    """{idea id: its document}, or None for an idea that no longer exists."""
    ideas = list(
        IdeaPage.objects.filter(pk__in=ids)
        .select_related("content_type", "locale", "proposed_by")
        .prefetch_related("topics")
        .annotate(
            published_comments=Count(
                "community_comments", filter=Q(community_comments__state=CommentState.PUBLISHED)
            )
        )
    )
    pages = _page_context(ideas)
    documents: dict[int, dict | None] = dict.fromkeys(ids)
    for idea in ideas:
        page = pages[idea.pk]
        description = plain_text(idea.description or "")
        language = detect_language(f"{idea.title} {description}", default=page["locale"])
        documents[idea.pk] = {
            "idea_id": idea.pk,
            "title": idea.title,
            **split_by_language("title", idea.title, language),
            "description": description,
            **split_by_language("description", description, language),
            "language": language,
            "locale": page["locale"],
            "status": idea.status,
            "state": "published" if idea.live else "unpublished",  # drafts in moderation, merged ideas
            "topics": [tag.name for tag in idea.topics.all()],
            "vote_count": idea.vote_count,
            "comment_count": idea.published_comments,
            "sentiment": idea.sentiment or None,
            "sentiment_score": idea.sentiment_score,
            "author_id": idea.proposed_by_id,
            "author_name": str(idea.proposed_by) if idea.proposed_by_id else None,
            "parent_id": page["parent_id"],
            "parent_type": page["parent_type"],
            "board_id": page["board_id"],
            "challenge_id": page["challenge_id"],
            "url": page["page_url"],
            "created_at": idea.first_published_at or idea.latest_revision_created_at,
            "updated_at": idea.last_published_at or idea.latest_revision_created_at,
        }
    return documents
