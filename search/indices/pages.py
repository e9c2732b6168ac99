"""The published-pages index: one document per live page, searchable in es, en and pl."""

from elasticsearch import NotFoundError
from elasticsearch.dsl import Document, Index, Integer, Keyword, Text

from search.analysis import ANALYZERS
from search.client import get_client, index_prefix

# Bump when the mapping changes: the new version is built beside the live one, which keeps the
# alias until it is switched over (the test node has no `_reindex`, so documents are re-sent).
PAGES_INDEX_VERSION = 1


def _multilingual_text() -> Text:
    """The main field keeps the words as written (exact matches rank first); each language
    sub-field stems them, so that `compraron` and `comprar` meet in `title.es`."""
    return Text(
        analyzer="standard",
        fields={language: Text(analyzer=analyzer) for language, analyzer in ANALYZERS.items()},
    )


class PageDocument(Document):
    page_id = Integer()
    locale = Keyword()
    page_type = Keyword()
    url = Keyword()
    title = _multilingual_text()
    body = _multilingual_text()


def alias_name() -> str:
    """What readers and writers use, whichever version is live."""
    return f"{index_prefix()}_pages"


def index_name(*, version: int = PAGES_INDEX_VERSION) -> str:
    return f"{alias_name()}_v{version}"


def alias_holders() -> list[str]:
    """The indices the alias points to: normally one, none before the first index exists."""
    try:
        return sorted(get_client().indices.get_alias(name=alias_name()))
    except NotFoundError:
        return []


def index_exists(*, name: str | None = None) -> bool:
    return bool(get_client().indices.exists(index=name or index_name()))


def create_index(*, name: str | None = None) -> str:
    """Create the index with its analysis and mapping and return its name.

    The alias is attached only while no other index holds it, so a new version can be filled
    before readers are moved to it."""
    name = name or index_name()
    client = get_client()
    index = Index(name, using=client)
    index.settings(number_of_shards=1)
    index.document(PageDocument)
    if not alias_holders():
        index.aliases(**{alias_name(): {}})
    index.create()
    return name


def delete_index(*, name: str | None = None) -> bool:
    """Delete the index (and with it its alias); False when there was nothing to delete."""
    try:
        get_client().indices.delete(index=name or index_name())
    except NotFoundError:
        return False
    return True
