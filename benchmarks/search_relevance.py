"""Relevance benchmark of knowledge search: labelled queries over labelled comments in es, en and pl.

Run by `make bench-relevance`; by hand, with PostgreSQL and Elasticsearch in the environment:
    DATABASE_URL=postgres://... ELASTICSEARCH_URL=http://127.0.0.1:9200 python benchmarks/search_relevance.py

The corpus and the labels are benchmarks/relevance/ (its README says where they come from). Each
sentence carries the concepts it is about, tagged by hand; every sentence is posted four times, alone
and with neutral greetings around it, so a concept's comments are known before any query runs. A
query names the concepts whose comments are relevant, and the concepts that only a wrong stem would
bring in ("devolución" must not find "evolución").

Three systems answer each query, top 10:
- the project's search: search.queries.matching (the prepared fields, the typo fallback);
- the previous analysis: the multi_match over the text and its hunspell field that search used before;
- PostgreSQL full-text search on the same comments, each in its language's configuration (`simple`
  for Polish, which PostgreSQL has no stemmer for), `websearch_to_tsquery` (quotes are phrases).

Printed: recall@10 (relevant comments in the top 10 over min(relevant, 10)), MRR and nDCG@10 per
language and for the accent-less, typo, phrase and compound subsets, the hits a wrong stem brought, and
the verdict against the targets of issue 16.
"""

import argparse
import csv
import json
import math
import os
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "relevance"
LANGUAGES = ("es", "en", "pl")
SUBSETS = ("accentless", "typo", "phrase", "compound")
K = 10
TARGETS = {"recall": 0.95, "mrr": 0.9}
SUBSET_TARGET = 0.9
#: Neutral words around a sentence: the same sentence in four comments, none of these a query word.
FRAMES = {
    "es": [("", ""), ("Hola a todos. ", ""), ("", " Un saludo."), ("Os cuento mi caso. ", " ¿Alguien más?")],
    "en": [("", ""), ("Hi all. ", ""), ("", " Cheers."), ("Quick note from me. ", " Anyone else seen this?")],
    "pl": [("", ""), ("Cześć wszystkim. ", ""), ("", " Pozdrawiam."), ("Krótko o mnie. ", " Ktoś jeszcze?")],
}
PG_CONFIGS = {"es": "spanish", "en": "english", "pl": "simple"}


@dataclass
class Comment:
    id: int
    language: str
    text: str
    concepts: frozenset[str]


@dataclass
class Query:
    language: str
    subset: str
    text: str
    relevant: frozenset[str]
    wrong: frozenset[str]
    relevant_ids: set[int] = field(default_factory=set)
    wrong_ids: set[int] = field(default_factory=set)


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8") as lines:
        return [
            row
            for row in csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
            if row and not row[0].startswith("#")
        ]


def load() -> tuple[list[Comment], list[Query]]:
    """The comments, and the queries with their relevant comments, labelled before anything is searched."""
    comments: list[Comment] = []
    for language in LANGUAGES:
        for concepts, sentence in rows(DATA / f"{language}.tsv"):
            for before, after in FRAMES[language]:
                comments.append(
                    Comment(
                        len(comments) + 1, language, f"{before}{sentence}{after}", frozenset(concepts.split())
                    )
                )
    queries = []
    for language, subset, text, relevant, wrong, *_ in (row + [""] for row in rows(DATA / "queries.tsv")):
        query = Query(language, subset, text, frozenset(relevant.split()), frozenset(wrong.split()))
        # A concept is one thing in every language: a Polish comment on influencers answers "influencer".
        query.relevant_ids = {comment.id for comment in comments if comment.concepts & query.relevant}
        query.wrong_ids = {c.id for c in comments if c.concepts & query.wrong} - query.relevant_ids
        if not query.relevant_ids:
            raise SystemExit(f"query {text!r} ({language}): no comment carries {sorted(query.relevant)}")
        queries.append(query)
    return comments, queries


# --- the three systems -----------------------------------------------------------------------------


def index_comments(comments: list[Comment]) -> None:
    """The comments index as the project creates it, filled with documents built by the project's code."""
    from elasticsearch.helpers import bulk

    from search.client import get_client
    from search.indices.comments import COMMENTS
    from search.indices.fields import language_fields
    from search.language import detect_language
    from search.prepared import ANALYSIS_VERSION

    COMMENTS.create_index()
    actions = []
    for comment in comments:
        language = detect_language(comment.text, default=comment.language)
        document = {
            "comment_id": comment.id,
            "text": comment.text,
            **language_fields("text", comment.text, language),
            "language": language,
            "locale": comment.language,
            "state": "published",
            "analysis_version": ANALYSIS_VERSION,
        }
        actions.append({"_index": COMMENTS.alias_name(), "_id": str(comment.id), "_source": document})
    bulk(get_client(), actions, refresh=True)


def project_search(text: str) -> list[int]:
    from search.indices.comments import COMMENTS
    from search.queries.comments import TEXT_FIELDS
    from search.queries.matching import search_forgiving_typos

    response, _suggestion = search_forgiving_typos(
        {COMMENTS.alias_name(): TEXT_FIELDS},
        text,
        lambda query: {"query": query, "size": K, "_source": False},
    )
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]


def previous_search(text: str) -> list[int]:
    """The query search sent before issue 16: every word in one field, as written or hunspell-stemmed."""
    from search.indices.comments import COMMENTS
    from search.queries.base import run_search

    fields = ["text", *(f"text_{language}" for language in LANGUAGES)]
    query = {
        "multi_match": {
            "query": text,
            "fields": fields,
            "type": "best_fields",
            "operator": "and",
            "tie_breaker": 0.3,
        }
    }
    response = run_search([COMMENTS.alias_name()], {"query": query, "size": K, "_source": False})
    return [int(hit["_id"]) for hit in response["hits"]["hits"]]


def postgres_table(comments: list[Comment]) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE relevance_comments "
            "(id integer PRIMARY KEY, config regconfig, vector tsvector)"
        )
        cursor.executemany(
            "INSERT INTO relevance_comments VALUES (%s, %s::regconfig, to_tsvector(%s::regconfig, %s))",
            [(c.id, PG_CONFIGS[c.language], PG_CONFIGS[c.language], c.text) for c in comments],
        )


def postgres_search(text: str) -> list[int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT id FROM relevance_comments, LATERAL websearch_to_tsquery(config, %s) AS query
            WHERE vector @@ query ORDER BY ts_rank(vector, query) DESC, id LIMIT %s
            """,
            [text, K],
        )
        return [row[0] for row in cursor.fetchall()]


# --- measures -------------------------------------------------------------------------------------------


def measures(found: list[int], query: Query) -> dict[str, float]:
    top = found[:K]
    relevant = query.relevant_ids
    ideal = min(len(relevant), K)
    ranks = [rank for rank, comment_id in enumerate(top, 1) if comment_id in relevant]
    dcg = sum(1 / math.log2(rank + 1) for rank in ranks)
    idcg = sum(1 / math.log2(rank + 1) for rank in range(1, ideal + 1))
    return {
        "recall": len(ranks) / ideal,
        "mrr": 1 / ranks[0] if ranks else 0.0,
        "ndcg": dcg / idcg,
        "wrong": sum(comment_id in query.wrong_ids for comment_id in top),
    }


def averaged(results: list[dict]) -> dict[str, float]:
    return {
        "queries": len(results),
        **{name: sum(r[name] for r in results) / len(results) for name in ("recall", "mrr", "ndcg")},
        "wrong": sum(r["wrong"] for r in results),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="Write the figures here as well.")
    parser.add_argument("--misses", action="store_true", help="List the project's queries below target.")
    parser.add_argument(
        "--pool", action="store_true", help="List every system's top-10 hits that carry no label, to judge."
    )
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    os.environ["ELASTICSEARCH_INDEX_PREFIX"] = f"relevancebench_{os.getpid()}"
    import django

    django.setup()
    from django.db import connection

    from search.client import get_client, index_prefix

    if connection.vendor != "postgresql":
        raise SystemExit("the PostgreSQL baseline needs DATABASE_URL=postgres://...")

    comments, queries = load()
    started = time.monotonic()
    try:
        index_comments(comments)
        postgres_table(comments)
        systems = {"project": project_search, "previous": previous_search, "postgres": postgres_search}
        results: dict[str, list[tuple[Query, dict]]] = defaultdict(list)
        pooled: dict[tuple[str, str], set[str]] = defaultdict(set)
        for name, search in systems.items():
            for query in queries:
                found = search(query.text)
                results[name].append((query, measures(found, query)))
                if args.pool:
                    for comment_id in found[:K]:
                        if comment_id not in query.relevant_ids | query.wrong_ids:
                            pooled[(query.language, query.text)].add(comments[comment_id - 1].text)
    finally:
        client = get_client()
        for name in client.indices.get(index=f"{index_prefix()}_*", expand_wildcards="all"):
            client.indices.delete(index=name)

    groups = {
        f"language {language}": lambda q, language=language: q.language == language for language in LANGUAGES
    }
    groups |= {f"subset {subset}": lambda q, subset=subset: q.subset == subset for subset in SUBSETS}
    groups["all"] = lambda q: True
    table = {
        group: {name: averaged([m for q, m in results[name] if keep(q)]) for name in systems}
        for group, keep in groups.items()
    }

    def per_language(items) -> str:
        return ", ".join(
            f"{sum(item.language == language for item in items)} {language}" for language in LANGUAGES
        )

    print(
        f"Relevance on {len(comments)} comments ({per_language(comments)}), {len(queries)} labelled queries "
        f"({per_language(queries)}); {time.monotonic() - started:.1f} s"
    )
    print("recall@10 / MRR / nDCG@10; wrong: top-10 hits a wrong stem brought in")
    header = f"{'group':<20} | {'n':>3} | " + " | ".join(f"{name:^24}" for name in systems)
    print(header)
    print("-" * len(header))
    for group, by_system in table.items():
        cells = " | ".join(
            f"{m['recall']:.3f} {m['mrr']:.3f} {m['ndcg']:.3f} w{m['wrong']:<3}" for m in by_system.values()
        )
        print(f"{group:<20} | {by_system['project']['queries']:>3} | {cells}")

    verdicts = []
    for language in LANGUAGES:
        mine = table[f"language {language}"]["project"]
        for measure, target in TARGETS.items():
            verdicts.append(
                (f"{language} {measure} {mine[measure]:.3f} (target >= {target})", mine[measure] >= target)
            )
    for subset in SUBSETS:
        mine = table[f"subset {subset}"]["project"]
        for measure in TARGETS:
            verdicts.append(
                (
                    f"{subset} {measure} {mine[measure]:.3f} (target >= {SUBSET_TARGET})",
                    mine[measure] >= SUBSET_TARGET,
                )
            )
    wrong = table["all"]["project"]["wrong"]
    verdicts.append((f"hits a wrong stem brought {wrong} (target 0)", wrong == 0))
    print()
    for line, met in verdicts:
        print(f"{'ok' if met else 'MISSED'}: {line}")
    if args.misses:
        print("\nThe project's queries below recall 1 or MRR 1:")
        for query, m in results["project"]:
            if m["recall"] < 1 or m["mrr"] < 1 or m["wrong"]:
                figures = f"recall {m['recall']:.2f} mrr {m['mrr']:.2f} wrong {m['wrong']}"
                print(f"  {query.language} {query.subset:<10} {query.text!r}: {figures}")
    for (language, text), texts in sorted(pooled.items()):
        print(f"unlabelled hits of {language} {text!r}:", *sorted(texts), sep="\n    ")
    passed = all(met for _line, met in verdicts)
    print("PASS" if passed else "FAIL")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps({"at": datetime.now(UTC).isoformat(), "table": table, "passed": passed}, indent=2)
        )
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
