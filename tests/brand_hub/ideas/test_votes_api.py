"""Prosumers vote for published ideas while the board or challenge accepts votes; counts stay exact."""

import threading
from datetime import timedelta

import pytest

from django.db import connection
from django.utils import timezone

from brand_hub.core.errors import Conflict
from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage, IdeaVote
from brand_hub.users.roles import EDITORS, PROSUMERS
from tests.factories.pages import build_ideas

from .helpers import make_person, published_idea, signed_in


def vote_url(idea) -> str:
    return f"/api/community/ideas/{idea.pk}/vote"


@pytest.fixture
def idea(ideas, prosumer, editor) -> IdeaPage:
    return published_idea(parent=ideas["board"], author=prosumer, editor=editor)


def test_a_prosumer_votes_for_an_idea_and_withdraws_the_vote(other_prosumer, idea):
    client = signed_in(other_prosumer)

    voted = client.post(vote_url(idea))
    assert voted.status_code == 200
    assert voted.json() == {"idea": idea.pk, "vote_count": 1, "has_voted": True}
    assert IdeaVote.objects.filter(idea=idea, voter=other_prosumer).exists()

    withdrawn = client.delete(vote_url(idea))
    assert withdrawn.status_code == 200
    assert withdrawn.json() == {"idea": idea.pk, "vote_count": 0, "has_voted": False}
    assert not IdeaVote.objects.filter(idea=idea).exists()


def test_a_prosumer_cannot_vote_twice_for_the_same_idea(prosumer_client, idea):
    assert prosumer_client.post(vote_url(idea)).status_code == 200

    again = prosumer_client.post(vote_url(idea))

    assert again.status_code == 409
    assert again.json()["errors"][0]["field"] == "idea"
    assert IdeaPage.objects.get(pk=idea.pk).vote_count == 1
    assert IdeaVote.objects.filter(idea=idea).count() == 1


def test_withdrawing_a_vote_never_cast_is_a_409_that_changes_nothing(prosumer_client, other_prosumer, idea):
    signed_in(other_prosumer).post(vote_url(idea))

    assert prosumer_client.delete(vote_url(idea)).status_code == 409
    assert IdeaPage.objects.get(pk=idea.pk).vote_count == 1


def test_votes_on_a_challenge_that_stopped_voting_are_refused(prosumer_client, ideas, prosumer, editor):
    challenge = ideas["challenge"]
    idea = published_idea(parent=challenge, author=prosumer, editor=editor)
    assert prosumer_client.post(vote_url(idea)).status_code == 200  # collecting: votes welcome

    challenge.collecting_starts_at = timezone.now() - timedelta(days=3)
    challenge.collecting_ends_at = timezone.now() - timedelta(days=2)
    challenge.voting_ends_at = timezone.now() - timedelta(days=1)
    challenge.save_revision().publish()

    refused = prosumer_client.delete(vote_url(idea))
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "idea"
    assert IdeaPage.objects.get(pk=idea.pk).vote_count == 1


def test_a_challenge_in_its_voting_phase_still_takes_votes(prosumer_client, ideas, prosumer, editor):
    challenge = ideas["challenge"]
    idea = published_idea(parent=challenge, author=prosumer, editor=editor)
    challenge.collecting_ends_at = timezone.now() - timedelta(days=1)
    challenge.save_revision().publish()

    assert prosumer_client.post(vote_url(idea)).status_code == 200


def test_a_board_closed_to_votes_refuses_them(prosumer_client, ideas, idea):
    board = ideas["board"]
    board.accepts_votes = False
    board.save_revision().publish()

    assert prosumer_client.post(vote_url(idea)).status_code == 409


def test_drafts_and_unknown_ideas_cannot_be_voted_for(prosumer_client, ideas, prosumer):
    draft = services.submit_idea(
        author=prosumer, parent=ideas["board"], title="Borrador", description="Aún no.", topics=[]
    )

    assert prosumer_client.post(vote_url(draft)).status_code == 404
    assert prosumer_client.post("/api/community/ideas/999999/vote").status_code == 404
    assert not IdeaVote.objects.exists()


def test_voting_needs_a_signed_in_person(client, idea):
    assert client.post(vote_url(idea)).status_code == 401


def test_votes_are_rate_limited_with_retry_after(prosumer_client, ideas, prosumer, editor, settings):
    settings.COMMUNITY_RATE_LIMITS = {"vote": {"user": "2/m"}}
    first = published_idea(parent=ideas["board"], author=prosumer, editor=editor, title="Primera idea")
    second = published_idea(parent=ideas["board"], author=prosumer, editor=editor, title="Segunda idea")

    answers = [
        prosumer_client.post(vote_url(first)),
        prosumer_client.delete(vote_url(first)),
        prosumer_client.post(vote_url(second)),
    ]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert IdeaPage.objects.get(pk=second.pk).vote_count == 0


def test_the_count_follows_every_vote_and_withdrawal_exactly(django_user_model, idea):
    voters = [
        django_user_model.objects.create_user(f"voter{n}", f"voter{n}@example.com", "pw") for n in range(12)
    ]
    for voter in voters:
        services.cast_vote(idea=idea, voter=voter)
    for voter in voters[::3]:
        services.withdraw_vote(idea=idea, voter=voter)

    assert IdeaPage.objects.get(pk=idea.pk).vote_count == IdeaVote.objects.filter(idea=idea).count() == 8


def test_publishing_the_idea_again_keeps_the_votes_cast_since_its_revision(django_user_model, editor, idea):
    revision = IdeaPage.objects.get(pk=idea.pk).save_revision(user=editor)
    voter = django_user_model.objects.create_user("late", "late@example.com", "pw")
    services.cast_vote(idea=idea, voter=voter)

    revision.publish(user=editor)

    assert IdeaPage.objects.get(pk=idea.pk).vote_count == 1


def test_votes_stay_counted_when_the_voter_deletes_the_account(other_prosumer, idea):
    services.cast_vote(idea=idea, voter=other_prosumer)

    other_prosumer.delete()

    assert IdeaVote.objects.filter(idea=idea, voter=None).count() == 1
    assert IdeaPage.objects.get(pk=idea.pk).vote_count == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite serialises writers; the race needs PostgreSQL"
)
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_voters_are_counted_exactly(django_user_model, roles, home):
    tree = build_ideas(home)
    editor = make_person(django_user_model, roles, "Editora", EDITORS)
    idea = published_idea(parent=tree["board"], author=editor, editor=editor)
    voters = [make_person(django_user_model, roles, f"Votante{n}", PROSUMERS) for n in range(50)]
    outcomes: list[str] = []
    start = threading.Barrier(len(voters) + 5)

    def vote_as(voter):
        try:
            start.wait()
            services.cast_vote(idea=idea, voter=voter)
            outcomes.append("voted")
        except Conflict:
            outcomes.append("refused")
        finally:
            connection.close()

    # Five voters try twice at once: the second attempt must be refused, not counted.
    threads = [threading.Thread(target=vote_as, args=(voter,)) for voter in voters + voters[:5]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes.count("voted") == 50 and outcomes.count("refused") == 5
    assert IdeaPage.objects.get(pk=idea.pk).vote_count == IdeaVote.objects.filter(idea=idea).count() == 50


def test_a_vote_and_its_withdrawal_take_a_fixed_number_of_queries(
    settings, other_prosumer, idea, django_assert_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    client = signed_in(other_prosumer)
    client.post(vote_url(idea))
    client.delete(vote_url(idea))
    with django_assert_num_queries(15):
        assert client.post(vote_url(idea)).status_code == 200
    with django_assert_num_queries(14):
        assert client.delete(vote_url(idea)).status_code == 200
