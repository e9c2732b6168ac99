"""Editors merge a duplicate from the page editor's action menu."""

from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage, IdeaStatus, IdeaVote

from .helpers import published_idea


def test_the_action_menu_offers_the_merge_and_the_screen_merges(editor_client, editor, prosumer, ideas):
    target = published_idea(parent=ideas["board"], author=prosumer, editor=editor, title="Suela de corcho")
    source = published_idea(parent=ideas["board"], author=prosumer, editor=editor, title="Suela corcho")
    services.cast_vote(idea=source, voter=prosumer)
    merge_url = f"/admin/ideas/{source.pk}/merge/"

    assert merge_url in editor_client.get(f"/admin/pages/{source.pk}/edit/").content.decode()
    assert editor_client.get(merge_url).status_code == 200
    response = editor_client.post(merge_url, {"target": target.pk})

    assert response.status_code == 302 and response["Location"] == f"/admin/pages/{target.pk}/edit/"
    assert IdeaVote.objects.get(voter=prosumer).idea_id == target.pk
    source = IdeaPage.objects.get(pk=source.pk)
    assert not source.live and source.status == IdeaStatus.DECLINED


def test_merging_into_itself_is_shown_as_a_form_error(editor_client, editor, prosumer, ideas):
    idea = published_idea(parent=ideas["board"], author=prosumer, editor=editor)

    response = editor_client.post(f"/admin/ideas/{idea.pk}/merge/", {"target": idea.pk})

    assert response.status_code == 200 and response.context["form"].errors["target"]
    assert IdeaPage.objects.get(pk=idea.pk).live


def test_people_who_cannot_publish_the_idea_cannot_open_the_merge_screen(prosumer_client, ideas):
    assert prosumer_client.get(f"/admin/ideas/{ideas['idea'].pk}/merge/").status_code == 302
