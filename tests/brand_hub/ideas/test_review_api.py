"""Editors answer ideas with a status, from the API or the admin, and merge duplicates."""

import pytest

from wagtail.contrib.redirects.models import Redirect

from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage, IdeaStatus, IdeaStatusChange, IdeaVote
from brand_hub.ideas.signals import idea_status_changed, ideas_merged

from .helpers import published_idea, signed_in


@pytest.fixture
def idea(ideas, prosumer, editor) -> IdeaPage:
    return published_idea(parent=ideas["board"], author=prosumer, editor=editor)


@pytest.fixture
def heard():
    """What the signals told their listeners during the test."""
    received = []

    def listen(signal_name):
        return lambda sender, **kwargs: received.append((signal_name, kwargs))

    status_listener, merge_listener = listen("status"), listen("merged")
    idea_status_changed.connect(status_listener)
    ideas_merged.connect(merge_listener)
    yield received
    idea_status_changed.disconnect(status_listener)
    ideas_merged.disconnect(merge_listener)


def change_status(client, idea, **body):
    return client.post(f"/api/community/ideas/{idea.pk}/status", body, "application/json")


def test_an_editor_changes_the_status_and_the_history_records_it(editor_client, editor, idea, heard):
    response = change_status(
        editor_client, idea, status="planned", official_response="Lo haremos en otoño.\n\nGracias."
    )

    assert response.status_code == 200
    assert response.json()["from_status"] == "submitted" and response.json()["to_status"] == "planned"
    idea = IdeaPage.objects.get(pk=idea.pk)
    assert idea.live and idea.status == IdeaStatus.PLANNED
    assert idea.official_response == "<p>Lo haremos en otoño.</p><p>Gracias.</p>"
    assert idea.official_response_at is not None
    assert idea.live_revision.user == editor
    change = IdeaStatusChange.objects.get(idea=idea)
    assert change.changed_by == editor
    assert [(name, kwargs["change"]) for name, kwargs in heard] == [("status", change)]

    change_status(editor_client, idea, status="in_progress")
    history = signed_in(editor).get(f"/api/community/ideas/{idea.pk}/history").json()
    assert history["status"] == "in_progress"
    assert [(entry["from_status"], entry["to_status"]) for entry in history["changes"]] == [
        ("submitted", "planned"),
        ("planned", "in_progress"),
    ]
    assert history["changes"][0]["official_response"].startswith("<p>Lo haremos")
    assert history["changes"][1]["official_response"] == ""
    assert IdeaPage.objects.get(pk=idea.pk).official_response.startswith("<p>Lo haremos")


def test_prosumers_cannot_change_the_status(prosumer_client, idea):
    response = change_status(prosumer_client, idea, status="implemented")

    assert response.status_code == 403
    assert IdeaPage.objects.get(pk=idea.pk).status == IdeaStatus.SUBMITTED
    assert not IdeaStatusChange.objects.exists()


def test_an_unknown_status_is_a_400_naming_the_field(editor_client, idea):
    response = change_status(editor_client, idea, status="done")

    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "status"
    assert not IdeaStatusChange.objects.exists()


def test_setting_the_same_status_again_is_a_409(editor_client, idea):
    assert change_status(editor_client, idea, status="submitted").status_code == 409
    assert not IdeaStatusChange.objects.exists()


def test_a_publish_from_the_admin_that_changes_the_status_is_recorded_with_its_editor(editor, idea, heard):
    draft = IdeaPage.objects.get(pk=idea.pk)
    draft.status = IdeaStatus.UNDER_REVIEW
    draft.save_revision(user=editor).publish(user=editor)

    change = IdeaStatusChange.objects.get(idea=idea)
    assert (change.from_status, change.to_status, change.changed_by) == ("submitted", "under_review", editor)
    assert heard[0][1]["idea"].pk == idea.pk


def test_an_admin_edit_through_the_editor_form_records_the_change(editor_client, editor, idea):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    form = nested_form_data(
        {
            "title": idea.title,
            "slug": idea.slug,
            "description": rich_text(idea.description),
            "topics": "",
            "status": "declined",
            "official_response": rich_text("<p>No encaja con la marca.</p>"),
            "value_currency": "EUR",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = editor_client.post(f"/admin/pages/{idea.pk}/edit/", form)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    change = IdeaStatusChange.objects.get(idea=idea)
    assert (change.to_status, change.changed_by) == ("declined", editor)
    assert "No encaja" in change.official_response


def test_a_publish_that_changes_neither_status_nor_response_records_nothing(editor, idea):
    draft = IdeaPage.objects.get(pk=idea.pk)
    draft.title = "Cordones reciclados de botella"
    draft.save_revision(user=editor).publish(user=editor)

    assert not IdeaStatusChange.objects.exists()


def test_merging_moves_votes_without_counting_a_voter_twice_and_redirects(
    client, editor_client, editor, prosumer, other_prosumer, django_user_model, ideas, heard
):
    target = published_idea(
        parent=ideas["board"], author=prosumer, editor=editor, title="Cordones de botella"
    )
    source = published_idea(parent=ideas["board"], author=other_prosumer, editor=editor, title="Cordones PET")
    third = django_user_model.objects.create_user("tercera", "tercera@example.com", "pw")
    for voter in (prosumer, other_prosumer, third):
        services.cast_vote(idea=source, voter=voter)
    services.cast_vote(idea=target, voter=prosumer)
    source_url = source.get_url()

    response = editor_client.post(
        f"/api/community/ideas/{source.pk}/merge", {"target": target.pk}, "application/json"
    )

    assert response.status_code == 200
    assert response.json()["target"]["vote_count"] == 3
    assert response.json()["redirect_from"] == Redirect.normalise_path(source_url)
    target, source = IdeaPage.objects.get(pk=target.pk), IdeaPage.objects.get(pk=source.pk)
    assert target.vote_count == IdeaVote.objects.filter(idea=target).count() == 3
    assert source.vote_count == 0 and not IdeaVote.objects.filter(idea=source).exists()
    assert not source.live and source.status == IdeaStatus.DECLINED
    assert f'id="{target.pk}"' in source.official_response
    assert IdeaStatusChange.objects.get(idea=source).to_status == IdeaStatus.DECLINED
    visit = client.get(source_url)
    assert visit.status_code == 301 and visit["Location"] == target.get_url()
    merges = [(kwargs["source"].pk, kwargs["target"].pk) for name, kwargs in heard if name == "merged"]
    assert merges == [(source.pk, target.pk)]


def test_prosumers_cannot_merge_ideas_and_nothing_moves(prosumer_client, prosumer, editor, ideas, idea):
    other = published_idea(parent=ideas["board"], author=prosumer, editor=editor, title="Otra idea más")
    services.cast_vote(idea=idea, voter=prosumer)

    response = prosumer_client.post(
        f"/api/community/ideas/{idea.pk}/merge", {"target": other.pk}, "application/json"
    )

    assert response.status_code == 403
    assert IdeaVote.objects.get(voter=prosumer).idea_id == idea.pk
    assert IdeaPage.objects.get(pk=idea.pk).live


def test_merging_into_itself_or_an_unknown_idea_is_a_400_naming_the_target(editor_client, idea):
    url = f"/api/community/ideas/{idea.pk}/merge"

    for target in (idea.pk, 999999):
        response = editor_client.post(url, {"target": target}, "application/json")
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "target"
    assert IdeaPage.objects.get(pk=idea.pk).live
