"""Build index documents from the database, many at a time, in a fixed number of queries."""

from django.db.models import Count, F, Q

from wagtail.models import Page

from brand_hub.community.markup import plain_text
from brand_hub.community.models import CommentState, CommunityComment
from brand_hub.headless.public_urls import page_path
from brand_hub.ideas.models import IdeaPage
from brand_hub.mentions.models import Mention

from .indices.fields import language_fields
from .language import detect_language
from .page_types import page_type_label
from .prepared import ANALYSIS_VERSION

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
            "page_type": page_type_label(f"{page.content_type.app_label}.{model}"),
            "page_title": page.title,
            "page_url": page_path(page),  # a path: answers put it at the frontend's origin
            "locale": page.locale.language_code,
            "group_id": holder.pk if holder_model == GROUP else None,
            "challenge_id": holder.pk if holder_model == CHALLENGE else None,
            "board_id": holder.pk if holder_model == BOARD else None,
            "parent_id": holder.pk if model == IDEA and holder is not None else None,
            "parent_type": {CHALLENGE: "challenge", BOARD: "board"}.get(holder_model),
        }
    return context


#: What a comment's document is built from: plain rows, not model instances (an instance cost about
#: as much as the rest of the document, and the rebuild builds a million).
COMMENT_COLUMNS = (
    "pk",
    "comment",
    "language",
    "kind",
    "state",
    "resolved_at",
    "sentiment",
    "sentiment_score",
    "like_count",
    "dislike_count",
    "user_id",
    "user_name",
    "page_id",
    "thread_id",
    "parent_id",
    "submit_date",
    "edited_at",
    "moderated_at",
)


class CommentDocuments:
    """Builds comment documents from rows; the pages it read stay known for the next batch."""

    def __init__(self):
        self.pages: dict[int, dict] = {}

    def for_ids(self, ids) -> dict[int, dict | None]:
        """{comment id: its document}, or None for a comment that no longer exists (to be deleted)."""
        comments = CommunityComment._base_manager.filter(pk__in=ids)
        documents: dict[int, dict | None] = dict.fromkeys(ids)
        documents.update(self._build(list(comments.values(*COMMENT_COLUMNS)), comments))
        return documents

    def after(self, last_id: int, *, limit: int) -> dict[int, dict]:
        """The documents of the next `limit` comments by id after `last_id` (keyset, for the rebuild)."""
        rows = list(
            CommunityComment._base_manager.filter(pk__gt=last_id)
            .order_by("pk")
            .values(*COMMENT_COLUMNS)[:limit]
        )
        if not rows:
            return {}
        batch = CommunityComment._base_manager.filter(pk__gte=rows[0]["pk"], pk__lte=rows[-1]["pk"])
        return self._build(rows, batch)

    def _build(self, rows: list[dict], batch) -> dict[int, dict]:
        replies = _published_reply_counts(batch)
        missing = {row["page_id"] for row in rows} - self.pages.keys()
        if missing:
            self.pages.update(
                _page_context(
                    list(Page.objects.filter(pk__in=missing).select_related("content_type", "locale"))
                )
            )
        return {row["pk"]: self._document(row, self.pages[row["page_id"]], replies) for row in rows}

    @staticmethod
    def _document(row: dict, page: dict, replies: dict[int, int]) -> dict:
        pk = row["pk"]
        is_root = row["parent_id"] == pk
        text = plain_text(row["comment"])
        language = detect_language(text, default=row["language"])
        return {
            "comment_id": pk,
            "text": text,
            **language_fields("text", text, language),
            "language": language,
            "locale": row["language"],
            "kind": row["kind"],
            "state": row["state"],
            "resolved": row["resolved_at"] is not None,
            "resolved_at": row["resolved_at"],
            "sentiment": row["sentiment"] or None,
            "sentiment_score": row["sentiment_score"],
            "like_count": row["like_count"],
            "dislike_count": row["dislike_count"],
            "reply_count": replies.get(pk, 0),
            "author_id": row["user_id"],
            "author_name": row["user_name"] or None,
            "page_id": row["page_id"],
            "page_type": page["page_type"],
            "page_title": page["page_title"],
            "page_url": page["page_url"],
            "group_id": page["group_id"],
            "challenge_id": page["challenge_id"],
            "board_id": page["board_id"],
            "thread_id": row["thread_id"],
            "parent_id": None if is_root else row["parent_id"],
            "created_at": row["submit_date"],
            "updated_at": row["edited_at"] or row["moderated_at"] or row["submit_date"],
            "analysis_version": ANALYSIS_VERSION,
        }


def _published_reply_counts(comments) -> dict[int, int]:
    """{comment id: its published replies} for the comments of a queryset, in one query.

    xtd's parent_id has no index, but a reply shares its parent's thread_id, which has one; a
    thread's first comment is its own parent and is not its own reply.
    """
    return dict(
        CommunityComment._base_manager.filter(
            thread_id__in=comments.values("thread_id"),
            parent_id__in=comments.values("pk"),
            state=CommentState.PUBLISHED,
        )
        .exclude(pk=F("parent_id"))
        .values_list("parent_id")
        .annotate(count=Count("pk"))
        .values_list("parent_id", "count")
    )


def comment_documents(ids) -> dict[int, dict | None]:
    """{comment id: its document}, or None for a comment that no longer exists (to be deleted)."""
    return CommentDocuments().for_ids(ids)


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
            **language_fields("title", idea.title, language),
            "description": description,
            **language_fields("description", description, language),
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
            "analysis_version": ANALYSIS_VERSION,
        }
    return documents


MENTION_COLUMNS = (
    "pk", "network", "url", "author_handle", "text", "language", "published_at", "reach", "sentiment",
    "sentiment_score", "ingested_at",
)  # fmt: skip


def mention_documents(ids) -> dict[int, dict | None]:
    """{mention id: its document}, or None for a mention erased since (to be deleted)."""
    documents: dict[int, dict | None] = dict.fromkeys(ids)
    for row in Mention.objects.filter(pk__in=ids).values(*MENTION_COLUMNS):
        documents[row["pk"]] = {
            "mention_id": row["pk"],
            "text": row["text"],
            **language_fields("text", row["text"], row["language"]),
            "language": row["language"],
            "source": row["network"],
            "url": row["url"],
            "author_handle": row["author_handle"] or None,
            "reach": row["reach"],
            "sentiment": row["sentiment"] or None,
            "sentiment_score": row["sentiment_score"],
            "state": "published",
            "created_at": row["published_at"],
            "ingested_at": row["ingested_at"],
            "analysis_version": ANALYSIS_VERSION,
        }
    return documents
