"""The comments index: every customer comment, with its page, thread, kind, moderation and reactions."""

from elasticsearch.dsl import Boolean, Date, Float, Integer, Keyword, Text

from .fields import TextDocument
from .versioned import VersionedIndex


class CommentDocument(TextDocument):
    comment_id = Integer()
    language = Keyword()  # the language the text was analysed in (detected when the page's disagrees)
    locale = Keyword()  # the page's locale
    kind = Keyword()
    state = Keyword()
    resolved = Boolean()
    resolved_at = Date()
    sentiment = Keyword()
    sentiment_score = Float()
    like_count = Integer()
    dislike_count = Integer()
    reply_count = Integer()
    author_id = Integer()
    author_name = Text(fields={"raw": Keyword()})
    page_id = Integer()
    page_type = Keyword()
    page_title = Text(fields={"raw": Keyword()})
    page_url = Keyword(index=False)
    group_id = Integer()
    challenge_id = Integer()
    board_id = Integer()
    thread_id = Integer()
    parent_id = Integer()
    created_at = Date()
    updated_at = Date()
    analysis_version = Integer()  # search.prepared.ANALYSIS_VERSION when it was built


COMMENTS = VersionedIndex(name="comments", document=CommentDocument, mapping_version=3)
