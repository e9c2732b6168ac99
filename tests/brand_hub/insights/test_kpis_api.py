"""Each objective's figures through /api/insights/, on March 2026 worked out by hand (see conftest)."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from brand_hub.community.models import CommentKind, CommunityComment
from brand_hub.insights.models import DailyActivity, RollupState
from brand_hub.insights.tasks import refresh_rollups

MARCH = {"start": "2026-03-01", "end": "2026-03-31"}


def figures(client, **params):
    query = {key: value for key, value in {**MARCH, **params}.items() if value is not None}
    response = client.get("/api/insights/overview", query)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.django_db
def test_loyalty_counts_complaints_their_resolution_and_who_stayed(editor, march):
    loyalty = figures(editor)["loyalty"]

    assert loyalty["complaints_received"] == 4  # Mar 2, 10, 15 (en), 20
    assert loyalty["complaints_resolved"] == 3  # Mar 1 (posted in February), 2, 12
    assert loyalty["median_hours_to_resolve"] == 48.0  # of 6, 48 and 216 hours
    # Lucia complained on the 2nd and wrote again on the 20th; Marek only praised and reacted
    # within hours of his complaint; Ana did nothing after hers.
    assert loyalty["complainants"] == 3
    assert loyalty["complainants_retained"] == 1
    assert loyalty["retention_rate"] == pytest.approx(1 / 3, abs=1e-4)


@pytest.mark.django_db
def test_cost_counts_questions_answered_and_their_median_time(editor, march):
    assert figures(editor)["cost"] == {
        "questions_received": 3,
        "questions_resolved": 2,
        "median_hours_to_resolve": 13.0,  # of 2 and 24 hours; the removed question is left out
    }


@pytest.mark.django_db
def test_recommendation_counts_shares_and_unique_visits_per_channel_and_prosumer(editor, march):
    recommendation = figures(editor)["recommendation"]

    assert recommendation["shares_created"] == 2  # the X link was made in February
    assert recommendation["share_visits"] == 6  # three WhatsApp, one Facebook, two X; not April's
    channels = {row["channel"]: (row["shares"], row["visits"]) for row in recommendation["by_channel"]}
    assert channels == {"whatsapp": (1, 3), "facebook": (1, 1), "x": (0, 2)}
    assert [(row["name"], row["shares"], row["visits"]) for row in recommendation["by_prosumer"]] == [
        ("Lucia", 1, 5),
        ("Marek", 1, 1),
    ]


@pytest.mark.django_db
def test_innovation_counts_ideas_implementation_and_value_guided_against_open(editor, march):
    innovation = figures(editor)["innovation"]

    assert innovation["ideas_received"] == 3  # ideas one, two, three
    assert innovation["ideas_implemented"] == 2  # one (Mar 15) and four (Mar 20); three in April
    assert innovation["implementation_rate"] == pytest.approx(2 / 3, abs=1e-4)  # one and three, of 3
    assert innovation["estimated_value"] == [{"kind": "savings", "currency": "EUR", "amount": "1200.00"}]
    modes = {row["co_creation"]: row for row in innovation["by_co_creation"]}
    assert (modes["guided"]["ideas_received"], modes["guided"]["ideas_implemented"]) == (1, 1)
    assert modes["guided"]["implementation_rate"] == 1.0
    assert (modes["open"]["ideas_received"], modes["open"]["ideas_implemented"]) == (2, 1)
    assert modes["open"]["implementation_rate"] == 0.5
    boards = {row["scope_id"]: row for row in innovation["by_board"]}
    assert boards[march["board"].pk]["ideas_received"] == 2
    assert boards[march["challenge"].pk]["co_creation"] == "guided"


@pytest.mark.django_db
def test_reputation_counts_mentions_reach_and_sentiment_per_locale(editor, march):
    reputation = figures(editor)["reputation"]

    assert reputation["comments"] == 8  # everything posted in March but the removed question
    assert reputation["ideas"] == 3
    assert reputation["mentions"] == 11
    assert (reputation["page_views"], reputation["reactions"], reputation["votes"]) == (15, 2, 2)
    assert reputation["reach"] == 19
    sentiment = reputation["sentiment"]
    assert (sentiment["positive"], sentiment["neutral"], sentiment["negative"]) == (1, 3, 4)
    assert sentiment["negative_share"] == 0.5
    by_locale = {
        row["locale"]: (row["positive"], row["neutral"], row["negative"])
        for row in reputation["sentiment_by_locale"]
    }
    assert by_locale == {"es": (1, 3, 3), "en": (0, 0, 1)}


@pytest.mark.django_db
def test_filters_narrow_every_figure_to_a_locale_a_group_or_a_challenge(editor, march):
    english = figures(editor, locale="en")
    assert english["loyalty"]["complaints_received"] == 1
    assert english["reputation"]["comments"] == 1
    assert english["innovation"]["ideas_received"] == 0

    group = figures(editor, group=march["group"].pk)
    assert group["loyalty"]["complaints_received"] == 1
    assert group["loyalty"]["median_hours_to_resolve"] == 48.0
    assert group["recommendation"]["share_visits"] == 2  # the X link shares the group page

    challenge = figures(editor, board=march["challenge"].pk)
    assert challenge["innovation"]["ideas_received"] == 1
    assert challenge["innovation"]["ideas_implemented"] == 1
    assert challenge["loyalty"]["complaints_received"] == 0


@pytest.mark.django_db
def test_the_timeline_has_a_point_per_month_with_zero_where_nothing_happened(editor, march):
    response = editor.get(
        "/api/insights/timeline", {"start": "2026-02-01", "end": "2026-04-30", "interval": "month"}
    )

    assert response.status_code == 200
    charts = {chart["key"]: chart for chart in response.json()["charts"]}
    complaints = {line["key"]: line["data"] for line in charts["complaints"]["series"]}
    assert charts["complaints"]["periods"] == ["2026-02-01", "2026-03-01", "2026-04-01"]
    assert complaints == {"received": [1, 4, 0], "resolved": [0, 3, 0]}
    ideas = {line["key"]: line["data"] for line in charts["ideas"]["series"]}
    assert ideas == {"received": [1, 3, 0], "implemented": [0, 2, 1]}


@pytest.mark.django_db
def test_the_roll_ups_are_recomputed_from_scratch_with_the_same_figures(editor, march):
    before = figures(editor)
    DailyActivity.objects.all().delete()
    call_command("insights_refresh", "--full")
    after = figures(editor)

    moment = datetime.datetime.fromisoformat
    assert moment(after.pop("figures_as_of")) > moment(before.pop("figures_as_of"))
    assert after == before


@pytest.mark.django_db
def test_a_comment_removed_today_leaves_todays_figures_at_the_next_read(editor, lucia, post):
    posted = lucia.post(
        "/api/community/comments/",
        {"page_id": post.pk, "text": "Llegó roto", "kind": "complaint"},
        content_type="application/json",
    )
    assert posted.status_code == 201, posted.content
    assert figures(editor, start=None, end=None)["loyalty"]["complaints_received"] == 1

    CommunityComment.objects.filter(kind=CommentKind.COMPLAINT).update(state="removed")

    assert figures(editor, start=None, end=None)["loyalty"]["complaints_received"] == 0


@pytest.mark.django_db
def test_influencers_come_ranked_with_their_figures_for_everyone_a_locale_or_a_group(editor, march):
    call_command("insights_influence")

    everyone = editor.get("/api/insights/influencers").json()
    english = editor.get("/api/insights/influencers", {"locale": "en"}).json()
    group = editor.get("/api/insights/influencers", {"group": march["group"].pk}).json()

    assert everyone["scope"] == "all"
    # Lucia's comment got Marek's like and her idea Ana's vote; Marek's praise got Ana's like and
    # his idea Lucia's vote: each received two responses.
    received = {row["name"]: row["reactions_received"] + row["votes_received"] for row in everyone["items"]}
    assert received == {"Lucia": 2, "Marek": 2, "Ana": 0}
    assert [row["rank"] for row in everyone["items"]] == [1, 2, 3]
    assert english["scope"] == "locale:en"
    assert [row["name"] for row in english["items"]] == ["Ana"]  # her English complaint, no responses
    assert group["scope"] == f"group:{march['group'].pk}"
    # Marek complained in the group; Lucia's link to the group page brought two visits.
    assert {row["name"]: (row["comments"], row["share_visits"]) for row in group["items"]} == {
        "Lucia": (0, 2),
        "Marek": (1, 0),
    }


@pytest.mark.django_db
def test_a_stale_read_answers_at_once_with_the_figures_as_they_stand_and_queues_one_refresh(
    editor, lucia, post, settings
):
    from django_tasks import default_task_backend

    posted = lucia.post(
        "/api/community/comments/",
        {"page_id": post.pk, "text": "Llegó roto", "kind": "complaint"},
        content_type="application/json",
    )
    assert posted.status_code == 201, posted.content
    first = figures(editor, start=None, end=None)  # the immediate backend refreshes before answering
    assert first["loyalty"]["complaints_received"] == 1
    assert first["figures_as_of"] is not None

    # Production: a worker refreshes. Make the roll-ups stale and let the task wait in the queue.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.INSIGHTS_MAX_AGE_SECONDS = 300
    RollupState.objects.update(
        refreshed_at=timezone.now() - datetime.timedelta(hours=1), refresh_queued_at=None
    )
    CommunityComment.objects.filter(kind=CommentKind.COMPLAINT).update(state="removed")

    stale = [figures(editor, start=None, end=None) for _ in range(3)]

    assert [answer["loyalty"]["complaints_received"] for answer in stale] == [1, 1, 1]
    as_of = {datetime.datetime.fromisoformat(answer["figures_as_of"]) for answer in stale}
    assert len(as_of) == 1
    assert abs(as_of.pop() - RollupState.objects.get().refreshed_at) < datetime.timedelta(seconds=1)
    queued = [result.task.name for result in default_task_backend.results]
    assert queued == ["refresh_rollups"]  # three stale reads, one refresh

    refresh_rollups.call()  # what the worker does
    assert figures(editor, start=None, end=None)["loyalty"]["complaints_received"] == 0


@pytest.mark.django_db
def test_top_sharers_rank_by_visits_then_shares_then_id_and_stop_at_the_limit(
    destination, roles, django_user_model
):
    from brand_hub.insights import kpis
    from brand_hub.insights.filters import parse_filters
    from brand_hub.users.roles import PROSUMERS
    from tests.conftest import person

    from .community_history import at, share

    post, group = destination["posts"][0], destination["group"]
    ana, ben, cai, dora, eva, fay = (
        person(django_user_model, name, PROSUMERS).user
        for name in ("ana", "ben", "cai", "dora", "eva", "fay")
    )
    in_march = [at(3, day, 12) for day in range(1, 29)]
    share(post, ana, channel="x", when=at(3, 1, 9), visits=in_march[:3])
    share(post, ben, channel="x", when=at(3, 1, 9), visits=in_march[:2])
    share(group, ben, channel="facebook", when=at(3, 2, 9), visits=in_march[2:3])  # ben: 3 visits, 2 shares
    share(post, cai, channel="x", when=at(3, 3, 9), visits=[*in_march[:2], at(4, 2, 12)])  # not April's
    share(post, dora, channel="x", when=at(3, 4, 9))  # shared, never visited
    share(post, eva, channel="x", when=at(2, 4, 9), visits=in_march[:2])  # shared in February
    share(group, fay, channel="whatsapp", when=at(3, 5, 9), visits=in_march[5:7])
    filters = parse_filters(
        start=datetime.date(2026, 3, 1), end=datetime.date(2026, 3, 31), locales=["es", "en", "pl"]
    )

    ranked = [(row["name"], row["visits"], row["shares"]) for row in kpis.top_sharers(filters)]
    cut = [row["name"] for row in kpis.top_sharers(filters, limit=3)]

    # Ben and Ana tie on visits and Ben shared twice; Cai and Fay tie on both, Cai's account is older;
    # Eva's link counts its March visits, not its February share.
    assert ranked == [
        ("Ben", 3, 2),
        ("Ana", 3, 1),
        ("Cai", 2, 1),
        ("Fay", 2, 1),
        ("Eva", 2, 0),
        ("Dora", 0, 1),
    ]
    assert cut == ["Ben", "Ana", "Cai"]


@pytest.mark.django_db
def test_the_figures_say_which_filters_they_answer(editor, march):
    board = march["challenge"].pk

    assert figures(editor, board=board, locale="en", interval="month")["filters"] == {
        "start": "2026-03-01",
        "end": "2026-03-31",
        "locale": "en",
        "scope_type": "challenge",
        "scope_id": board,
        "interval": "month",
        "left_out": [],
    }
