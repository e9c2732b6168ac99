"""Who influences the community: PageRank over who responds to whom, with share reach as the teleport.

The graph. One node per prosumer and an edge responder → author for every response made in the
trailing window (`INSIGHTS_INFLUENCE_WINDOW_DAYS` days up to the computation):

- a published reply to someone's published comment;
- a like on someone's published comment;
- a vote on someone's published idea;
- a published top-level comment on someone's published idea (a reply further down answers its
  parent's author, so no comment counts twice).

Every response weighs 1, so an edge weighs how often the responder answered that author. Answers
to oneself, and anything by or to an erased account (user NULL), are left out.

Dislikes add no edge and take nothing away. PageRank needs non-negative weights, so a dislike
could only count as attention, which would lift whoever provokes most; and a negative weight
would let a few people push someone down together. Disagreement written as a reply still counts:
it is engagement with substance.

The score is weighted PageRank with damping d = 0.85 over the n people of a scope (everyone with
a response or a figure there):

    PR(v) = (1 - d) * t(v) + d * (sum over u → v of PR(u) * w(u, v) / W(u)  +  D * t(v))

W(u) is the weight of all of u's responses, D the rank of the people who responded to no one
(spread like the teleport, as networkx does), and the teleport (personalization) vector is

    t(v) = (1 + ln(1 + s(v))) / sum over all people p of (1 + ln(1 + s(p)))

with s(v) = visits(v) + 10 * referred(v): the visits through v's share links in the window (each
link counts a visitor once), and the members v's shares brought (recommendations.Referral) who
signed up in the window and took part, each weighing as ten visits (REFERRED_MEMBER_WEIGHT): a
visitor who joins and contributes is worth more than one who looks. Everyone starts level, and
people whose shares bring visitors and members get more of the random jumps. The
stored score is n * PR(v): 1.0 is an even share of the scope's influence, 3.0 three times that.
Ties (to six decimals) go to more responses received, then more comments and ideas, then the
earlier account.

Scopes: "all"; "locale:<code>" (responses to items in that language, shares of pages in it) and
"group:<page id>" (replies and likes on the group page's discussion, shares of the group page).
A scope stores everyone with a non-zero figure; the figures are the scope's edges counted by kind,
so they are the reasons for the score.

The edges live in numpy arrays and the iteration is scipy.sparse: at the target size (1M comments,
100k ideas, 2M reactions and votes, 50k people) building a networkx graph took 1.6 s and 200 MiB
before its pagerank's own 2.1 s; the sparse matrix takes 0.2 s and 13 MiB, with the same result.
"""

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sparse

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone

from wagtail.models import Locale, Page

from brand_hub.community.models import CommentReaction, CommentState, CommunityComment, ReactionValue
from brand_hub.community.selectors import brand_people
from brand_hub.community_groups.models import CommunityGroupPage
from brand_hub.core.db_router import replica_reads
from brand_hub.ideas.models import IdeaPage, IdeaVote
from brand_hub.recommendations.models import Referral, ShareVisit

from .filters import internal_spaces
from .models import InfluenceScore

ALL = "all"
DAMPING = 0.85
#: In the teleport, one member a share brought who took part weighs as this many visits.
REFERRED_MEMBER_WEIGHT = 10
#: The figures behind a score, as InfluenceScore names them.
FIGURES = (
    "comments",
    "ideas",
    "replies_received",
    "reactions_received",
    "votes_received",
    "share_visits",
    "responders",
    "referred_members",
)

# Kinds of response (edges) and of contribution (a person's own activity).
REPLY, LIKE, VOTE = 0, 1, 2
COMMENT, IDEA, SHARE_VISITS, REFERRED_MEMBERS = 0, 1, 2, 3

# Each row keeps its language and the page it happened on: a scope is a filter on one of them.
RESPONSE = np.dtype(
    [("responder", "i8"), ("author", "i8"), ("kind", "i1"), ("language", "i2"), ("page", "i8")]
)
CONTRIBUTION = np.dtype(
    [("person", "i8"), ("kind", "i1"), ("count", "i8"), ("language", "i2"), ("page", "i8")]
)
COMMENT_ROW = np.dtype([("pk", "i8"), ("author", "i8"), ("parent", "i8"), ("page", "i8"), ("language", "i2")])
ROWS_PER_FETCH = 20_000


def locale_scope(language_code: str) -> str:
    return f"locale:{language_code}"


def group_scope(group_id: int) -> str:
    return f"group:{group_id}"


def weighted_pagerank(
    graph: sparse.csr_array,
    *,
    teleport: np.ndarray,
    damping: float = DAMPING,
    tolerance: float = 1e-12,
    max_iterations: int = 1000,
) -> np.ndarray:
    """PageRank of the nodes of graph, where graph[u, v] is the weight of the edge u → v.

    The power iteration of networkx's pagerank with `personalization=teleport` and `dangling=None`,
    on a sparse matrix; it stops when the ranks (summing to 1) move by less than `tolerance` in all.
    """
    size = graph.shape[0]
    given = graph.sum(axis=1)
    share = np.divide(1.0, given, out=np.zeros(size), where=given > 0)
    # Row v of the transposed, row-normalised matrix: the share of each responder that v receives.
    transition = (sparse.diags_array(share) @ graph).T.tocsr()
    teleport = teleport / teleport.sum()
    dangling = given == 0
    rank = teleport.copy()
    for _iteration in range(max_iterations):
        previous = rank
        rank = (
            damping * (transition @ previous + previous[dangling].sum() * teleport) + (1 - damping) * teleport
        )
        if np.abs(rank - previous).sum() < tolerance:
            return rank
    raise ArithmeticError(f"PageRank did not converge in {max_iterations} iterations")


@dataclass(frozen=True)
class Activity:
    """The window's responses and contributions of one scope, as numpy record arrays."""

    responses: np.ndarray
    contributions: np.ndarray

    def without(self, field: str, values) -> "Activity":
        """The rows whose `field` is none of `values`."""
        return Activity(
            responses=self.responses[~np.isin(self.responses[field], values)],
            contributions=self.contributions[~np.isin(self.contributions[field], values)],
        )

    def where(self, field: str, values) -> "Activity":
        """The rows whose `field` (language or page) is one of `values`."""
        return Activity(
            responses=self.responses[np.isin(self.responses[field], values)],
            contributions=self.contributions[np.isin(self.contributions[field], values)],
        )


@dataclass(frozen=True)
class Ranked:
    """A person's place in one scope, before it is stored."""

    person_id: int
    rank: int
    score: float
    figures: dict[str, int]


def rank_people(activity: Activity) -> list[Ranked]:
    """Everyone with a non-zero figure in the scope, best first."""
    responses, contributions = activity.responses, activity.contributions
    ids = np.concatenate([responses["responder"], responses["author"], contributions["person"]])
    if not ids.size:
        return []
    # Graph rows by user id through a lookup table: at millions of rows, np.unique and searchsorted
    # took seconds where this takes a tenth.
    present = np.zeros(ids.max() + 1, dtype=bool)
    present[ids] = True
    people = np.flatnonzero(present)
    row_of = np.cumsum(present) - 1
    size = people.size
    responders, authors = row_of[responses["responder"]], row_of[responses["author"]]
    persons = row_of[contributions["person"]]
    # Repeated responses of one person to another add up to the edge's weight.
    graph = sparse.csr_array((np.ones(responders.size), (responders, authors)), shape=(size, size))

    def received(kind: int) -> np.ndarray:
        return np.bincount(authors[responses["kind"] == kind], minlength=size)

    def made(kind: int) -> np.ndarray:
        mine = contributions["kind"] == kind
        counts = np.bincount(persons[mine], weights=contributions["count"][mine], minlength=size)
        return counts.astype(np.int64)

    figures = {
        "comments": made(COMMENT),
        "ideas": made(IDEA),
        "replies_received": received(REPLY),
        "reactions_received": received(LIKE),
        "votes_received": received(VOTE),
        "share_visits": made(SHARE_VISITS),
        # One stored entry per (responder, author) pair: the column's entries are its responders.
        "responders": np.bincount(graph.indices, minlength=size),
        "referred_members": made(REFERRED_MEMBERS),
    }
    teleport = 1.0 + np.log1p(figures["share_visits"] + REFERRED_MEMBER_WEIGHT * figures["referred_members"])
    scores = np.round(weighted_pagerank(graph, teleport=teleport) * size, 6)

    received_total = figures["replies_received"] + figures["reactions_received"] + figures["votes_received"]
    contributed = figures["comments"] + figures["ideas"]
    shown = np.flatnonzero(np.any(np.stack(list(figures.values())) > 0, axis=0))
    # lexsort orders by its last key first.
    order = shown[np.lexsort((people[shown], -contributed[shown], -received_total[shown], -scores[shown]))]
    return [
        Ranked(
            person_id=int(people[index]),
            rank=position,
            score=float(scores[index]),
            figures={name: int(values[index]) for name, values in figures.items()},
        )
        for position, index in enumerate(order, start=1)
    ]


class _Languages:
    """Small integer codes for language codes, so that numpy can filter on them."""

    def __init__(self, codes: Iterable[str]):
        self.index: dict[str, int] = {}
        for code in codes:
            self(code)

    def __call__(self, code: str) -> int:
        return self.index.setdefault(code, len(self.index))


def _id_batches(ids: np.ndarray) -> Iterator[list[int]]:
    # SQLite takes at most 999 parameters in a query.
    size = min(10_000, (connection.features.max_query_params or 10_000) - 9)
    for start in range(0, len(ids), size):
        yield ids[start : start + size].tolist()


def _records(dtype: np.dtype, **columns) -> np.ndarray:
    records = np.zeros(len(next(iter(columns.values()))), dtype=dtype)
    for name, values in columns.items():
        records[name] = values
    return records


def _find(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of keys in sorted_keys, and which keys are there at all."""
    if not sorted_keys.size:
        return np.zeros(keys.size, dtype=np.int64), np.zeros(keys.size, dtype=bool)
    positions = np.searchsorted(sorted_keys, keys).clip(max=sorted_keys.size - 1)
    return positions, sorted_keys[positions] == keys


def _comment_rows(comments, language: _Languages) -> np.ndarray:
    # Only the columns: at a million comments, model instances (three tables each) would dominate.
    rows = comments.order_by().values_list("pk", "user_id", "parent_id", "page_id", "language")
    return np.fromiter(
        (
            (pk, author, parent, page, language(code))
            for pk, author, parent, page, code in rows.iterator(chunk_size=ROWS_PER_FETCH)
        ),
        dtype=COMMENT_ROW,
    )


def _published_comments():
    return CommunityComment.objects.filter(state=CommentState.PUBLISHED, user__isnull=False)


def _reply_edges(comments: np.ndarray, language: _Languages) -> np.ndarray:
    """Replies (comments sorted by pk) → their parents' authors; parents before the window are read too."""
    replies = comments[comments["parent"] != comments["pk"]]
    known = comments
    positions, found = _find(known["pk"], replies["parent"])
    older = np.unique(replies["parent"][~found])
    if older.size:
        earlier = [
            _comment_rows(_published_comments().filter(pk__in=batch), language)
            for batch in _id_batches(older)
        ]
        known = np.sort(np.concatenate([comments, *earlier]), order="pk")
        positions, found = _find(known["pk"], replies["parent"])
    # A parent not found was removed, held or written by an erased account.
    replies, parents = replies[found], known[positions[found]]
    return _records(
        RESPONSE,
        responder=replies["author"],
        author=parents["author"],
        kind=REPLY,
        language=replies["language"],
        page=replies["page"],
    )


@replica_reads()
def read_activity(*, since: datetime, until: datetime, language: _Languages) -> Activity:
    """Every response and contribution in the window, for all scopes at once: the nightly command's
    long read, on the replica when there is one."""
    comments = _comment_rows(
        _published_comments().filter(submit_date__gte=since, submit_date__lte=until), language
    )
    comments.sort(order="pk")

    idea_rows = (
        IdeaPage.objects.filter(live=True, proposed_by__isnull=False)
        .order_by("pk")
        .values_list("pk", "proposed_by_id", "locale__language_code", "submitted_at")
    )
    ideas = np.fromiter(
        (
            (pk, author, language(code), since <= submitted <= until)
            for pk, author, code, submitted in idea_rows.iterator(chunk_size=ROWS_PER_FETCH)
        ),
        dtype=[("pk", "i8"), ("author", "i8"), ("language", "i2"), ("new", "?")],
    )

    # A top-level comment on an idea answers the person who proposed it.
    roots = comments[comments["parent"] == comments["pk"]]
    positions, found = _find(ideas["pk"], roots["page"])
    on_ideas = roots[found]
    idea_comment_edges = _records(
        RESPONSE,
        responder=on_ideas["author"],
        author=ideas["author"][positions[found]],
        kind=REPLY,
        language=on_ideas["language"],
        page=on_ideas["page"],
    )

    like_rows = (
        CommentReaction.objects.filter(
            value=ReactionValue.LIKE,
            user__isnull=False,
            created_at__gte=since,
            created_at__lte=until,
            comment__state=CommentState.PUBLISHED,
            comment__user__isnull=False,
        )
        .order_by()
        .values_list("user_id", "comment__user_id", "comment__page_id", "comment__language")
    )
    like_edges = np.fromiter(
        (
            (responder, author, LIKE, language(code), page)
            for responder, author, page, code in like_rows.iterator(chunk_size=ROWS_PER_FETCH)
        ),
        dtype=RESPONSE,
    )

    vote_rows = (
        IdeaVote.objects.filter(voter__isnull=False, created_at__gte=since, created_at__lte=until)
        .order_by()
        .values_list("voter_id", "idea_id")
    )
    votes = np.fromiter(
        vote_rows.iterator(chunk_size=ROWS_PER_FETCH), dtype=[("voter", "i8"), ("idea", "i8")]
    )
    positions, found = _find(ideas["pk"], votes["idea"])
    voted = ideas[positions[found]]
    vote_edges = _records(
        RESPONSE,
        responder=votes["voter"][found],
        author=voted["author"],
        kind=VOTE,
        language=voted["language"],
        page=voted["pk"],
    )

    responses = np.concatenate([_reply_edges(comments, language), idea_comment_edges, like_edges, vote_edges])
    responses = responses[responses["responder"] != responses["author"]]

    new_ideas = ideas[ideas["new"]]
    visit_rows = (
        ShareVisit.objects.filter(visited_at__gte=since, visited_at__lte=until, link__sharer__isnull=False)
        .order_by()
        .values_list("link__sharer_id", "link__page_id", "link__page__locale__language_code")
        .annotate(visits=Count("pk"))
    )
    referral_rows = (
        Referral.objects.filter(
            signed_up_at__gte=since,
            signed_up_at__lte=until,
            sharer__isnull=False,
            share_link__isnull=False,
            contributions__isnull=False,
        )
        .order_by()
        .values_list("sharer_id", "share_link__page_id", "share_link__page__locale__language_code")
        .annotate(members=Count("pk", distinct=True))
    )
    contributions = np.concatenate(
        [
            _records(
                CONTRIBUTION,
                person=comments["author"],
                kind=COMMENT,
                count=1,
                language=comments["language"],
                page=comments["page"],
            ),
            _records(
                CONTRIBUTION,
                person=new_ideas["author"],
                kind=IDEA,
                count=1,
                language=new_ideas["language"],
                page=new_ideas["pk"],
            ),
            np.fromiter(
                (
                    (sharer, SHARE_VISITS, visits, language(code), page)
                    for sharer, page, code, visits in visit_rows.iterator(chunk_size=ROWS_PER_FETCH)
                ),
                dtype=CONTRIBUTION,
            ),
            np.fromiter(
                (
                    (sharer, REFERRED_MEMBERS, members, language(code), page)
                    for sharer, page, code, members in referral_rows.iterator(chunk_size=ROWS_PER_FETCH)
                ),
                dtype=CONTRIBUTION,
            ),
        ]
    )
    # The brand's own people answer for the brand: influence is the community's, so they are
    # left out as responders, as authors and as contributors.
    staff = np.fromiter(brand_people().values_list("pk", flat=True).distinct(), dtype="i8")
    responses = responses[~np.isin(responses["responder"], staff) & ~np.isin(responses["author"], staff)]
    contributions = contributions[~np.isin(contributions["person"], staff)]
    return Activity(responses=responses, contributions=contributions)


def scopes(
    activity: Activity, *, language: _Languages, groups: list[int], left_out: Iterable[int] = ()
) -> Iterator[tuple[str, Activity]]:
    """Everyone, each language and each group; `left_out` are the pages of internal spaces not counted in
    public figures, out of everyone's and the languages' rankings (a group's own keeps its page)."""
    public = activity.without("page", list(left_out)) if left_out else activity
    yield ALL, public
    for code, index in language.index.items():
        yield locale_scope(code), public.where("language", [index])
    # A group's discussion is the comments on its page; filter the few rows on group pages once.
    on_groups = activity.where("page", groups)
    for group in groups:
        yield group_scope(group), on_groups.where("page", [group])


def _store(scope: str, ranked: list[Ranked], computed_at: datetime) -> None:
    with transaction.atomic():
        InfluenceScore.objects.filter(scope=scope).delete()
        InfluenceScore.objects.bulk_create(
            [
                InfluenceScore(
                    scope=scope,
                    person_id=row.person_id,
                    rank=row.rank,
                    score=row.score,
                    computed_at=computed_at,
                    **row.figures,
                )
                for row in ranked
            ],
            batch_size=2000,
        )


def internal_page_ids() -> list[int]:
    """The pages of the internal spaces left out of public figures, and every page under them."""
    under = Q()
    for space in internal_spaces():
        under |= Q(path__startswith=space.path)
    return list(Page.objects.filter(under).values_list("pk", flat=True)) if under else []


def compute_influence(
    *, now: datetime | None = None, progress: Callable[[str, int, float], None] | None = None
) -> dict[str, int]:
    """Rank the prosumers of every scope and replace the stored scores; {scope: people ranked}.

    `progress(scope, ranked, seconds)` hears of each scope once it is stored. Scopes that no
    longer exist (a deleted group) lose their scores.
    """
    now = now or timezone.now()
    since = now - timedelta(days=settings.INSIGHTS_INFLUENCE_WINDOW_DAYS)
    language = _Languages(Locale.objects.order_by("pk").values_list("language_code", flat=True))
    activity = read_activity(since=since, until=now, language=language)
    groups = list(CommunityGroupPage.objects.order_by("pk").values_list("pk", flat=True))
    ranked: dict[str, int] = {}
    for scope, scoped in scopes(activity, language=language, groups=groups, left_out=internal_page_ids()):
        started = time.perf_counter()
        people = rank_people(scoped)
        _store(scope, people, now)
        ranked[scope] = len(people)
        if progress is not None:
            progress(scope, len(people), time.perf_counter() - started)
    InfluenceScore.objects.exclude(scope__in=ranked).delete()
    return ranked


@dataclass(frozen=True)
class Influencer:
    """One line of a scope's ranking: who, how influential, and the figures behind it."""

    rank: int
    person_id: int
    display_name: str
    score: float
    comments: int
    ideas: int
    replies_received: int
    reactions_received: int
    votes_received: int
    share_visits: int
    responders: int
    referred_members: int
    computed_at: datetime


def top_influencers(*, scope: str, limit: int = 20) -> list[Influencer]:
    """The scope's most influential people in rank order, in one query."""
    rows = (
        InfluenceScore.objects.filter(scope=scope)
        .order_by("rank")
        .values_list(
            "rank", "person_id", "person__display_name", "person__username", "score", *FIGURES, "computed_at"
        )[:limit]
    )
    return [
        Influencer(rank, person_id, display_name or username, score, *rest)
        for rank, person_id, display_name, username, score, *rest in rows
    ]
