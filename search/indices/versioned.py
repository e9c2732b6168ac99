"""One index behind an alias, rebuilt as a new version beside the live one and switched atomically."""

from collections.abc import Callable
from dataclasses import dataclass

from elasticsearch import NotFoundError
from elasticsearch.dsl import Document, Index

from search.client import get_client, index_prefix

from .layout import index_layout


@dataclass(frozen=True)
class VersionedIndex:
    """`<prefix>_<name>` is the alias readers and writers use; `<alias>_v<n>` are the real indices.

    `mapping_version` changes when the mapping does; a rebuild creates `<alias>_v<mapping>_<stamp>`
    so a rebuild of the same mapping never collides with the live index.
    """

    name: str
    document: type[Document]
    mapping_version: int
    settings: Callable[[], dict] = lambda: {}

    def alias_name(self) -> str:
        return f"{index_prefix()}_{self.name}"

    def index_name(self, suffix: str = "") -> str:
        return f"{self.alias_name()}_v{self.mapping_version}{suffix}"

    def alias_holders(self) -> list[str]:
        try:
            return sorted(get_client().indices.get_alias(name=self.alias_name()))
        except NotFoundError:
            return []

    def index_exists(self, *, name: str | None = None) -> bool:
        return bool(get_client().indices.exists(index=name or self.index_name()))

    def create_index(self, *, name: str | None = None, attach_alias: bool | None = None) -> str:
        """Create the index; the alias is attached only while no other index holds it."""
        name = name or self.index_name()
        index = Index(name, using=get_client())
        index.settings(**self.layout(), **self.settings())
        index.document(self.document)
        if attach_alias if attach_alias is not None else not self.alias_holders():
            index.aliases(**{self.alias_name(): {"is_write_index": True}})
        index.create()
        return name

    def layout(self) -> dict:
        """Shards and replicas for a new index: from the rows to index and the cluster's data nodes."""
        from search.sources import count_rows  # the sources read models whose signals use the indices

        data_nodes = get_client().cluster.health()["number_of_data_nodes"]
        return index_layout(documents=count_rows(self.name), data_nodes=data_nodes)

    def ensure(self) -> str:
        """The live index behind the alias, created on first use."""
        holders = self.alias_holders()
        if holders:
            return holders[0]
        return self.create_index()

    def switch_alias(self, *, to: str) -> list[str]:
        """Point the alias at `to` in one atomic request; return the indices it left."""
        previous = [name for name in self.alias_holders() if name != to]
        actions = [{"remove": {"index": name, "alias": self.alias_name()}} for name in previous]
        actions.append({"add": {"index": to, "alias": self.alias_name(), "is_write_index": True}})
        get_client().indices.update_aliases(actions=actions)
        return previous

    def delete_index(self, *, name: str | None = None) -> bool:
        try:
            get_client().indices.delete(index=name or self.index_name())
        except NotFoundError:
            return False
        return True
