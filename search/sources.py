"""What each index holds, read from the database: every comment, and every idea page."""

from collections.abc import Iterator

from brand_hub.community.models import CommunityComment
from brand_hub.ideas.models import IdeaPage
from brand_hub.mentions.models import Mention

from .documents import CommentDocuments, idea_documents, mention_documents
from .models import SearchedIndex

MODELS = {
    SearchedIndex.COMMENTS: CommunityComment,
    SearchedIndex.IDEAS: IdeaPage,
    SearchedIndex.MENTIONS: Mention,
}


def count_rows(index: str) -> int:
    return MODELS[index]._base_manager.count()


def all_ids(index: str, *, batch_size: int) -> Iterator[list[int]]:
    """Primary keys in ascending batches, by keyset (no OFFSET scans on a million rows)."""
    rows = MODELS[index]._base_manager.order_by("pk").values_list("pk", flat=True)
    last = 0
    while True:
        ids = list(rows.filter(pk__gt=last)[:batch_size])
        if not ids:
            return
        yield ids
        last = ids[-1]


def document_batches(index: str, *, batch_size: int) -> Iterator[dict[int, dict | None]]:
    """Every document of the index, {id: document} a batch at a time in ascending ids, for a rebuild.

    Comments are read with their documents' columns by keyset rather than ids first and rows
    after; both paths build them with the same code as the outbox does.
    """
    if index == SearchedIndex.COMMENTS:
        comments = CommentDocuments()
        last = 0
        while documents := comments.after(last, limit=batch_size):
            yield documents
            last = next(reversed(documents))
        return
    build = mention_documents if index == SearchedIndex.MENTIONS else idea_documents
    for ids in all_ids(index, batch_size=batch_size):
        yield build(ids)
