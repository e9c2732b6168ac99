"""The ideas index: every idea prosumers proposed, with its status, votes and board or challenge."""

from elasticsearch.dsl import Date, Document, Float, Integer, Keyword, Text

from .fields import folded, language_text, stems, text_as_written
from .versioned import VersionedIndex


class IdeaDocument(Document):
    idea_id = Integer()
    title = text_as_written()
    title_folded = folded()
    title_es = language_text("es")
    title_en = language_text("en")
    title_pl = language_text("pl")
    title_stems_es = stems("es")
    title_stems_en = stems("en")
    title_stems_pl = stems("pl")
    description = text_as_written()
    description_folded = folded()
    description_es = language_text("es")
    description_en = language_text("en")
    description_pl = language_text("pl")
    description_stems_es = stems("es")
    description_stems_en = stems("en")
    description_stems_pl = stems("pl")
    language = Keyword()
    locale = Keyword()
    status = Keyword()
    state = Keyword()  # published, or unpublished (a draft in moderation, a rejected or merged idea)
    topics = Keyword()
    vote_count = Integer()
    comment_count = Integer()
    sentiment = Keyword()
    sentiment_score = Float()
    author_id = Integer()
    author_name = Text(fields={"raw": Keyword()})
    parent_id = Integer()
    parent_type = Keyword()  # board (open co-creation) or challenge (guided)
    board_id = Integer()
    challenge_id = Integer()
    url = Keyword(index=False)
    created_at = Date()
    updated_at = Date()
    analysis_version = Integer()  # search.prepared.ANALYSIS_VERSION when it was built


IDEAS = VersionedIndex(name="ideas", document=IdeaDocument, mapping_version=3)
