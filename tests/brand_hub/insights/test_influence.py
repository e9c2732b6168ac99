"""Influence: PageRank over who responds to whom, checked on small communities ranked by hand.

In a community without share visits every person's teleport is the same, so PageRank is
PR(v) = b * u(v) with u(v) = 1 + 0.85 * sum over responders r of u(r) * (r's responses to v / all of
r's responses); b makes the ranks sum to 1. The stored score of n people is n * u(v) / sum of u.
A share visit count s raises the person's own 1 to 1 + ln(1 + s).
"""

import math
from datetime import timedelta
from io import StringIO

import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sparse

from django.core.management import call_command
from django.utils import timezone

from brand_hub.community.comments import delete_own_comment, post_comment, react
from brand_hub.community.models import CommunityComment
from brand_hub.ideas.services import cast_vote
from brand_hub.insights.influence import (
    FIGURES,
    compute_influence,
    group_scope,
    top_influencers,
    weighted_pagerank,
)
from brand_hub.insights.models import InfluenceScore
from brand_hub.recommendations.services import record_visit, share_page, visitor_key_for
from brand_hub.users.privacy import erase_account
from brand_hub.users.roles import COMMUNITY_MODERATORS, EDITORS, PROSUMERS
from tests.brand_hub.ideas.helpers import published_idea

pytestmark = pytest.mark.django_db

D = 0.85
NAMES = ("ana", "bea", "carl", "dora", "pablo", "rosa", "raul", "rita")


@pytest.fixture
def people(roles, django_user_model) -> dict:
    """Prosumers created in this order, so that person ids break the last ties in this order."""
    created = {}
    for name in NAMES:
        created[name] = django_user_model.objects.create_user(
            name, f"{name}@example.com", f"pw-{name}-12345", display_name=name.capitalize()
        )
        created[name].groups.add(roles[PROSUMERS])
    return created


@pytest.fixture
def editor(roles, django_user_model):
    editor = django_user_model.objects.create_user("elena", "elena@example.com", "pw-elena-12345")
    editor.groups.add(roles[EDITORS])
    return editor


@pytest.fixture
def english_post(destination, locales):
    english = destination["posts"][0].copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    english.refresh_from_db()
    return english


def say(author, page, parent=None):
    return post_comment(author=author, page=page, text="<p>Hola</p>", parent_id=parent.pk if parent else None)


def like(comment, user):
    react(comment=comment, user=user, value="like")


def ranking(scope: str) -> list[tuple]:
    return list(
        InfluenceScore.objects.filter(scope=scope)
        .order_by("rank")
        .values_list("person__username", "rank", "score", *FIGURES)
    )


def figures(
    *, comments=0, ideas=0, replies=0, reactions=0, votes=0, visits=0, responders=0, referred=0
) -> tuple:
    return (comments, ideas, replies, reactions, votes, visits, responders, referred)


def scores(units: dict[str, float]) -> dict[str, float]:
    """The stored score of each person from their hand-computed units (see the module docstring)."""
    total = sum(units.values())
    return {name: round(len(units) * value / total, 6) for name, value in units.items()}


def test_the_community_s_responses_rank_people_not_how_much_they_post(post, people):
    """Ana's comment gets three replies (and a like from Rosa, who only answers Ana), Ana answers
    Bea and likes Carl's comment, and Pablo, who posts four times without an answer, likes Carl's
    comment and replies to Dora. Ana's reply to her own comment does not count.

    u: Rosa, Raúl, Rita, Pablo 1 (nobody answers them); Ana 1 + 3 * 0.85 = 3.55; Bea 1 + 0.85 * 3.55 / 2
    = 2.50875; Carl gets the other half of Ana and half of Pablo: 1 + 1.50875 + 0.425 = 2.93375;
    Dora 1 + 0.425 = 1.425. Bea and Dora each got one answer, but Bea's came from Ana. Pablo's four
    comments put him first among those at 1; Rosa, Raúl and Rita follow in the order they joined.
    """
    p = people
    a1 = say(p["ana"], post)
    for name in ("rosa", "raul", "rita"):
        say(p[name], post, parent=a1)
    like(a1, p["rosa"])
    say(p["ana"], post, parent=a1)
    b1, c1, d1 = say(p["bea"], post), say(p["carl"], post), say(p["dora"], post)
    say(p["ana"], post, parent=b1)
    like(c1, p["ana"])
    for _ in range(3):
        say(p["pablo"], post)
    like(c1, p["pablo"])
    say(p["pablo"], post, parent=d1)

    ranked = compute_influence()

    units = {"ana": 1 + 3 * D, "carl": 1 + D * (1 + 3 * D) / 2 + D / 2, "bea": 1 + D * (1 + 3 * D) / 2}
    units |= {"dora": 1 + D / 2, "pablo": 1, "rosa": 1, "raul": 1, "rita": 1}
    expected = scores(units)
    assert ranked["all"] == ranked["locale:es"] == 8
    assert ranking("all") == [
        ("ana", 1, expected["ana"], *figures(comments=3, replies=3, reactions=1, responders=3)),
        ("carl", 2, expected["carl"], *figures(comments=1, reactions=2, responders=2)),
        ("bea", 3, expected["bea"], *figures(comments=1, replies=1, responders=1)),
        ("dora", 4, expected["dora"], *figures(comments=1, replies=1, responders=1)),
        ("pablo", 5, expected["pablo"], *figures(comments=4)),
        ("rosa", 6, expected["rosa"], *figures(comments=1)),
        ("raul", 7, expected["raul"], *figures(comments=1)),
        ("rita", 8, expected["rita"], *figures(comments=1)),
    ]
    assert ranking("locale:es") == ranking("all")


def test_each_scope_holds_only_its_own_items_and_shares_lift_their_sharer(
    destination, english_post, people, editor
):
    """Spanish: Rosa and Raúl vote for Ana's idea and Rita comments on it; in the group, Pablo
    likes Dora's comment. English: Bea and Carl comment, and three visitors come through Carl's
    share of the English post. Voters and likers with nothing of their own are not listed.

    u: Ana 1 + 3 * 0.85 = 3.55, Dora 1.85, Carl 1 + ln(4), everyone else 1.
    """
    p = people
    idea = published_idea(parent=destination["board"], author=p["ana"], editor=editor)
    cast_vote(idea=idea, voter=p["rosa"])
    cast_vote(idea=idea, voter=p["raul"])
    say(p["rita"], idea)
    like(say(p["dora"], destination["group"]), p["pablo"])
    say(p["bea"], english_post)
    say(p["carl"], english_post)
    link, _created = share_page(sharer=p["carl"], page_id=english_post.pk, channel="whatsapp")
    for visitor in ("v1", "v2", "v3"):
        record_visit(link=link, visitor_key=visitor_key_for(visitor))
    record_visit(link=link, visitor_key=visitor_key_for("v1"))  # the same visitor again

    ranked = compute_influence()

    group = group_scope(destination["group"].pk)
    assert ranked == {"all": 5, "locale:es": 3, "locale:en": 2, "locale:pl": 0, group: 1}
    carl = 1 + math.log1p(3)
    every = scores(
        {"ana": 1 + 3 * D, "carl": carl, "dora": 1 + D, "rita": 1, "bea": 1, "rosa": 1, "raul": 1, "pablo": 1}
    )
    assert ranking("all") == [
        ("ana", 1, every["ana"], *figures(ideas=1, replies=1, votes=2, responders=3)),
        ("carl", 2, every["carl"], *figures(comments=1, visits=3)),
        ("dora", 3, every["dora"], *figures(comments=1, reactions=1, responders=1)),
        ("bea", 4, every["bea"], *figures(comments=1)),
        ("rita", 5, every["rita"], *figures(comments=1)),
    ]
    spanish = scores({"ana": 1 + 3 * D, "dora": 1 + D, "rita": 1, "rosa": 1, "raul": 1, "pablo": 1})
    assert ranking("locale:es") == [
        ("ana", 1, spanish["ana"], *figures(ideas=1, replies=1, votes=2, responders=3)),
        ("dora", 2, spanish["dora"], *figures(comments=1, reactions=1, responders=1)),
        ("rita", 3, spanish["rita"], *figures(comments=1)),
    ]
    english = scores({"carl": carl, "bea": 1})
    assert ranking("locale:en") == [
        ("carl", 1, english["carl"], *figures(comments=1, visits=3)),
        ("bea", 2, english["bea"], *figures(comments=1)),
    ]
    in_group = scores({"dora": 1 + D, "pablo": 1})
    assert ranking(group) == [("dora", 1, in_group["dora"], *figures(comments=1, reactions=1, responders=1))]


def test_erased_accounts_are_neither_ranked_nor_counted_as_responders(post, people):
    p = people
    a1, b1 = say(p["ana"], post), say(p["bea"], post)
    say(p["rosa"], post, parent=a1)
    say(p["raul"], post, parent=b1)
    like(b1, p["raul"])

    erase_account(user=p["ana"])
    erase_account(user=p["raul"])
    compute_influence()

    assert CommunityComment.objects.filter(user__isnull=True).count() == 2
    assert ranking("all") == [
        ("bea", 1, 1.0, *figures(comments=1)),
        ("rosa", 2, 1.0, *figures(comments=1)),
    ]


def test_the_brand_s_own_people_are_neither_ranked_nor_counted_as_responders(post, people, roles):
    p = people
    p["rita"].groups.add(roles[COMMUNITY_MODERATORS])
    a1, b1 = say(p["ana"], post), say(p["bea"], post)
    say(p["rita"], post, parent=a1)  # the brand answering is not the community responding
    say(p["rosa"], post, parent=b1)

    compute_influence()

    assert [row[0] for row in ranking("all")] == ["bea", "ana", "rosa"]
    assert ranking("all")[1] == ("ana", 2, ranking("all")[1][2], *figures(comments=1))


def test_only_published_responses_within_the_window_count_and_dislikes_count_for_nothing(
    post, people, settings
):
    """Carl's reply is withdrawn, Rosa's is older than the window, Dora dislikes; Raúl's like counts.
    Rita's reply in the window to Ana's comment from before it counts for Ana."""
    settings.INSIGHTS_INFLUENCE_WINDOW_DAYS = 30
    p = people
    b1 = say(p["bea"], post)
    delete_own_comment(comment=say(p["carl"], post, parent=b1), by=p["carl"])
    old_reply = say(p["rosa"], post, parent=b1)
    react(comment=b1, user=p["dora"], value="dislike")
    like(b1, p["raul"])
    a1 = say(p["ana"], post)
    say(p["rita"], post, parent=a1)
    long_ago = timezone.now() - timedelta(days=31)
    CommunityComment.objects.filter(pk__in=[old_reply.pk, a1.pk]).update(submit_date=long_ago)

    compute_influence()

    # Bea: u = 1 + 0.85 (Raúl); Ana: u = 1 + 0.85 (Rita); Rita and Raúl 1. Raúl has no figure.
    expected = scores({"bea": 1 + D, "ana": 1 + D, "rita": 1, "raul": 1})
    assert ranking("all") == [
        ("bea", 1, expected["bea"], *figures(comments=1, reactions=1, responders=1)),
        ("ana", 2, expected["ana"], *figures(replies=1, responders=1)),
        ("rita", 3, expected["rita"], *figures(comments=1)),
    ]


def test_a_new_computation_replaces_the_scores_and_drops_scopes_that_are_gone(post, people):
    like(say(people["ana"], post), people["bea"])
    InfluenceScore.objects.create(
        scope="group:999999", person=people["bea"], rank=1, score=1.0, computed_at=timezone.now()
    )
    compute_influence()
    say(people["carl"], post)

    compute_influence()

    stored = InfluenceScore.objects.order_by("scope", "rank").values_list("scope", "person__username")
    assert list(stored) == [
        ("all", "ana"),
        ("all", "carl"),
        ("locale:es", "ana"),
        ("locale:es", "carl"),
    ]


def test_top_influencers_lists_names_and_figures_in_rank_order_in_one_query(
    post, people, django_assert_num_queries
):
    a1 = say(people["ana"], post)
    say(people["bea"], post, parent=a1)
    say(people["carl"], post)
    people["carl"].display_name = ""
    people["carl"].save()
    compute_influence()

    with django_assert_num_queries(1):
        top = top_influencers(scope="all", limit=2)

    assert [(row.rank, row.display_name, row.comments, row.replies_received) for row in top] == [
        (1, "Ana", 1, 1),
        (2, "Bea", 1, 0),
    ]
    assert top[0].person_id == people["ana"].pk and top[0].score > top[1].score
    assert [row.display_name for row in top_influencers(scope="all")] == ["Ana", "Bea", "carl"]
    assert top_influencers(scope="locale:pl") == []


def test_the_command_ranks_every_scope_and_says_how_long_it_took(destination, people):
    say(people["ana"], destination["group"])
    out = StringIO()

    call_command("insights_influence", stdout=out)

    lines = out.getvalue().splitlines()
    group = group_scope(destination["group"].pk)
    assert [line.split(" ranked")[0] for line in lines[:-1]] == [
        "all: 1",
        "locale:es: 1",
        "locale:en: 0",
        "locale:pl: 0",
        f"{group}: 1",
    ]
    assert lines[-1].startswith("Influence computed for 5 scopes")


def test_the_sparse_pagerank_is_networkx_pagerank_with_share_reach_as_personalization():
    rng = np.random.default_rng(6)
    size = 60
    sources, targets = rng.integers(0, size, 400), rng.integers(0, size, 400)
    keep = (sources != targets) & (sources < 45)  # people 45 and above respond to no one
    sources, targets = sources[keep], targets[keep]
    weights = rng.integers(1, 4, sources.size).astype(float)
    teleport = 1 + np.log1p(rng.integers(0, 30, size))
    graph = nx.DiGraph()
    graph.add_nodes_from(range(size))
    for source, target, weight in zip(sources.tolist(), targets.tolist(), weights.tolist(), strict=True):
        previous = graph.get_edge_data(source, target, {"weight": 0})["weight"]
        graph.add_edge(source, target, weight=previous + weight)

    matrix = sparse.csr_array((weights, (sources, targets)), shape=(size, size))  # repeated edges add up
    ours = weighted_pagerank(matrix, teleport=teleport)
    theirs = nx.pagerank(graph, alpha=0.85, personalization=dict(enumerate(teleport)), tol=1e-14)

    assert ours.sum() == pytest.approx(1)
    assert ours == pytest.approx([theirs[node] for node in range(size)], abs=1e-12)
