"""An idea's author hears the review's outcome: a prosumer from the brand, in their language, with a link
to the idea on the frontend; an author who works in the admin from Wagtail, as for any page."""

import pytest

from django.core import mail

from wagtail.models import Site

from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage
from brand_hub.users.roles import EDITORS

from .helpers import approve, make_person

FRONTEND = "https://marca.example"


@pytest.fixture(autouse=True)
def brand(settings, home):
    settings.FRONTEND_URL = FRONTEND
    Site.objects.filter(is_default_site=True).update(site_name="Trailmakers")


def submitted(author, parent) -> IdeaPage:
    idea = services.submit_idea(
        author=author, parent=parent, title="Cordones reciclados", description="De botellas.", topics=[]
    )
    mail.outbox.clear()  # the editors' news of the submission
    return idea


def reject(idea: IdeaPage, editor, comment: str) -> None:
    """What an editor's "Request changes" in Wagtail's workflow screen does."""
    task_state = idea.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment=comment)


def test_a_polish_prosumer_hears_in_polish_that_the_idea_is_published_with_its_frontend_link(
    prosumer, editor, ideas
):
    prosumer.preferred_locale = "pl"
    prosumer.save()
    idea = submitted(prosumer, ideas["board"])

    approve(idea, editor)

    [message] = mail.outbox
    assert message.to == [prosumer.email]
    assert message.subject == "[Trailmakers] Twój pomysł „Cordones reciclados” został opublikowany"
    assert "Redakcja Trailmakers zatwierdziła Twój pomysł" in message.body
    assert f"{FRONTEND}/es/ideas/buzon/cordones-reciclados/" in message.body
    assert "/admin/" not in message.body


def test_an_english_prosumer_reads_the_editors_comment_when_changes_are_asked(prosumer, editor, ideas):
    prosumer.preferred_locale = "en"
    prosumer.save()
    idea = submitted(prosumer, ideas["board"])

    reject(idea, editor, "Say which bottles the laces are made of.")

    [message] = mail.outbox
    assert message.to == [prosumer.email]
    assert message.subject == "[Trailmakers] Your idea “Cordones reciclados” needs changes"
    assert "ask for changes before they publish it" in message.body
    assert "Say which bottles the laces are made of." in message.body
    assert FRONTEND in message.body and "/admin/" not in message.body


def test_a_spanish_prosumer_hears_in_spanish(prosumer, editor, ideas):
    idea = submitted(prosumer, ideas["board"])

    reject(idea, editor, "Falta el precio.")

    [message] = mail.outbox
    assert message.subject == "[Trailmakers] Tu idea «Cordones reciclados» necesita cambios"
    assert "Falta el precio." in message.body


def test_an_editor_whose_idea_is_approved_keeps_wagtails_e_mail_with_its_admin_link(
    editor, ideas, django_user_model, roles
):
    author = make_person(django_user_model, roles, "Oskar", EDITORS)
    idea = submitted(author, ideas["board"])

    approve(idea, editor)

    [message] = mail.outbox
    assert message.to == [author.email]
    assert "http://testserver/admin/" in message.body
    assert FRONTEND not in message.body
