"""Words that stand out in recent comments compared with everything said before them."""

from datetime import timedelta

from django.utils import timezone

from search.indices.comments import COMMENTS

from .base import publicly_visible, run_search

#: Per shard, the best-matching recent comments the words are taken from: enough for a week of a
#: busy community, and it keeps significant_text (which re-analyses each text) cheap.
SAMPLE_SIZE = 500


def trending_terms(*, locale: str, group: int | None, days: int, size: int, reader=None) -> list[dict]:
    """significant_text on the stemmed field of the language: `cordones` and `cordón` count as one.

    The foreground is the published comments of the last `days` written in `locale`'s language (only
    those fill `text_<language>`); the background is every published comment in that language, in
    the same group when one is given, so a group's everyday words do not trend in it.
    """
    scope = [*publicly_visible(reader), {"term": {"language": locale}}]
    if group is not None:
        scope.append({"term": {"group_id": group}})
    since = (timezone.now() - timedelta(days=days)).isoformat()
    body = {
        "size": 0,
        "query": {"bool": {"filter": [*scope, {"range": {"created_at": {"gte": since}}}]}},
        "aggs": {
            "recent": {
                "sampler": {"shard_size": SAMPLE_SIZE},
                "aggs": {
                    "terms": {
                        "significant_text": {
                            "field": f"text_{locale}",
                            "size": size,
                            "min_doc_count": 2,
                            "filter_duplicate_text": True,  # pasted copies count once
                            "background_filter": {"bool": {"filter": scope}},
                        }
                    }
                },
            }
        },
    }
    response = run_search([COMMENTS.alias_name()], body)
    buckets = response.get("aggregations", {}).get("recent", {}).get("terms", {}).get("buckets", [])
    return [
        {
            "term": bucket["key"],
            "score": bucket["score"],
            "doc_count": bucket["doc_count"],
            "bg_count": bucket["bg_count"],
        }
        for bucket in buckets
    ]
