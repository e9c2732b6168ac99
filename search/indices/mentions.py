"""The mentions index: what people say about the brand on other networks, sent by listening tools."""

from elasticsearch.dsl import Date, Float, Integer, Keyword, Long

from .fields import TextDocument
from .versioned import VersionedIndex


class MentionDocument(TextDocument):
    mention_id = Integer()
    language = Keyword()
    source = Keyword()  # the network (x, instagram ...); comments and ideas have none: they are the site
    url = Keyword(index=False)
    author_handle = Keyword()
    reach = Long()
    sentiment = Keyword()
    sentiment_score = Float()
    state = Keyword()  # always published: a mention is taken down by erasing it
    created_at = Date()  # when it was published on its network
    ingested_at = Date()
    analysis_version = Integer()


MENTIONS = VersionedIndex(name="mentions", document=MentionDocument, mapping_version=1)
