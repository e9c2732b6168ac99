"""People and a community's March 2026, for the insights' tests."""

import pytest

from brand_hub.community.models import CommentKind, CommentState
from brand_hub.ideas.models import IdeaStatus
from brand_hub.users.roles import EDITORS, PROSUMERS
from tests.conftest import person

from .community_history import at, comment, idea, react, share, views, vote


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


@pytest.fixture
def ana(roles, django_user_model):
    return person(django_user_model, "ana", PROSUMERS)


@pytest.fixture
def march(destination, locales, lucia, marek, ana):
    """Everything that happened, with the moments that decide what each figure counts.

    The period under test is March 2026; rows in February and April are there to be left out.
    """
    lucia, marek, ana = lucia.user, marek.user, ana.user
    post, group, board, challenge = (
        destination["posts"][0],
        destination["group"],
        destination["board"],
        destination["challenge"],
    )
    english = post.copy_for_translation(locales["en"], copy_parents=True)
    english.save_revision().publish()
    english.refresh_from_db()
    complaint, question, praise = CommentKind.COMPLAINT, CommentKind.QUESTION, CommentKind.PRAISE

    # Complaints: four in March (one in English), one from February resolved in March.
    c1 = comment(post, lucia, kind=complaint, when=at(3, 2, 10), sentiment="negative", resolved=at(3, 2, 16))
    comment(group, marek, kind=complaint, when=at(3, 10, 9), sentiment="negative", resolved=at(3, 12, 9))
    comment(post, lucia, kind=complaint, when=at(3, 20, 12), sentiment="neutral")
    comment(english, ana, kind=complaint, when=at(3, 15, 12), sentiment="negative")
    comment(post, marek, kind=complaint, when=at(2, 20, 12), sentiment="negative", resolved=at(3, 1, 12))
    # Questions: three in March, two answered; a removed one does not count.
    comment(post, ana, kind=question, when=at(3, 5, 8), sentiment="neutral", resolved=at(3, 5, 10))
    comment(board, ana, kind=question, when=at(3, 6, 8), sentiment="neutral", resolved=at(3, 7, 8))
    comment(post, lucia, kind=question, when=at(3, 25, 12), sentiment="negative")
    comment(
        post,
        marek,
        kind=question,
        when=at(3, 8, 12),
        sentiment="neutral",
        resolved=at(3, 8, 13),
        state=CommentState.REMOVED,
    )
    p1 = comment(post, marek, kind=praise, when=at(3, 10, 11), sentiment="positive")

    # Marek praised 2 hours and reacted 11 hours after his complaint: too soon to count as staying.
    react(c1, marek, when=at(3, 10, 20))
    react(p1, ana, when=at(3, 11, 9))

    i1 = idea(
        board,
        lucia,
        title="Idea one",
        when=at(3, 3),
        status=IdeaStatus.IMPLEMENTED,
        implemented=at(3, 15),
        value="1000",
        value_kind="savings",
    )
    i2 = idea(board, marek, title="Idea two", when=at(3, 4), status=IdeaStatus.DECLINED)
    idea(
        challenge,
        ana,
        title="Idea three",
        when=at(3, 6),
        status=IdeaStatus.IMPLEMENTED,
        implemented=at(4, 2),
        value="500",
        value_kind="revenue",
    )
    idea(
        challenge,
        lucia,
        title="Idea four",
        when=at(2, 10),
        status=IdeaStatus.IMPLEMENTED,
        implemented=at(3, 20),
        value="200",
        value_kind="savings",
    )
    vote(i2, lucia, when=at(3, 5))
    vote(i1, ana, when=at(3, 5))

    share(post, lucia, channel="whatsapp", when=at(3, 3), visits=[at(3, 3), at(3, 4), at(3, 9), at(4, 2)])
    share(post, marek, channel="facebook", when=at(3, 4), visits=[at(3, 5)])
    share(group, lucia, channel="x", when=at(2, 1), visits=[at(3, 7), at(3, 8)])

    views(post, day=at(3, 2).date(), count=10)
    views(board, day=at(3, 3).date(), count=5)
    views(post, day=at(4, 1).date(), count=7)
    return {
        "post": post,
        "english": english,
        "group": group,
        "board": board,
        "challenge": challenge,
        "people": (lucia, marek, ana),
    }
