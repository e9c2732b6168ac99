"""Triage on the write path: comments above a threshold are held with the reason shown in the desk, and
each submitted idea is scored for its reviewers. Nothing is deleted."""

from io import StringIO

import pytest

from django.test import Client

from brand_hub.community.models import BlockedTerm, CommentState, CommunityComment
from brand_hub.ideas.models import IdeaPage
from brand_hub.triage.models import IdeaTriage

from ..community.calls import say, thread

pytestmark = pytest.mark.django_db

JSON = "application/json"
SPAM = "Zapatillas de marca al 80% solo hoy 👉 https://www.zapas-baratas.shop escríbeme por WhatsApp"
ABUSE = "Eres un idiota, no tienes ni idea de zapatillas."


def test_a_spam_comment_is_held_with_its_score_and_signals_for_moderators_only(post, lucia, marek, moderator):
    held = say(lucia, post, SPAM).json()

    assert held["state"] == "held"
    comment = CommunityComment.objects.get(pk=held["id"])
    assert comment.hold_reason == "spam"
    assert comment.hold_detail == (
        "spam 0.86 (threshold 0.50): 1 link; cheap domain: zapas-baratas.shop; discount: 80%; "
        "contact: escribeme; contact: whatsapp"
    )
    assert thread(marek, post).json()["count"] == 0
    listed = thread(moderator, post, state="held").json()["items"][0]
    assert (listed["hold_reason"], listed["hold_detail"]) == ("spam", comment.hold_detail)


def test_an_abusive_comment_is_held_as_abuse_and_a_hard_but_fair_complaint_is_published(post, lucia):
    abusive = CommunityComment.objects.get(pk=say(lucia, post, ABUSE).json()["id"])
    assert (abusive.state, abusive.hold_reason) == (CommentState.HELD, "abuse")
    assert abusive.hold_detail.endswith("(threshold 0.50): insult: idiota")

    complaint = say(lucia, post, "Joder, tres semanas sin reembolso. ¡UNA VERGÜENZA! Pedido BH-20931.").json()
    assert complaint["state"] == "published"


def test_an_edit_that_turns_a_comment_into_spam_is_held_again(post, lucia):
    published = say(lucia, post, "Me encantan las nuevas").json()
    edited = lucia.patch(f"/api/community/comments/{published['id']}", {"text": SPAM}, content_type=JSON)
    assert edited.json()["state"] == "held"
    assert CommunityComment.objects.get(pk=published["id"]).hold_reason == "spam"


def test_the_thresholds_come_from_the_settings_and_the_blocklist_is_asked_first(settings, post, lucia):
    settings.TRIAGE_ABUSE_THRESHOLD = 0.9
    assert say(lucia, post, ABUSE).json()["state"] == "published"

    settings.TRIAGE_ABUSE_THRESHOLD = 0.5
    BlockedTerm.objects.create(term="idiota")
    held = CommunityComment.objects.get(pk=say(lucia, post, ABUSE).json()["id"])
    assert held.hold_reason == "blocklist"


def test_a_moderator_reads_the_reason_and_detail_in_the_comments_desk_and_approves(post, lucia, moderator):
    held = say(lucia, post, ABUSE).json()
    assert say(lucia, post, SPAM).json()["state"] == "held"

    desk = moderator.get("/admin/community/comments/", {"hold_reason": "abuse"}).content.decode()
    # The admin speaks the moderator's language (Spanish here); the detail is the screener's own.
    assert "Parece abusivo: abuse 0.62 (threshold 0.50): insult: idiota" in desk
    assert "Zapatillas de marca" not in desk
    spam = moderator.get("/admin/community/comments/", {"hold_reason": "spam"}).content.decode()
    assert "Zapatillas de marca" in spam and "no tienes ni idea" not in spam

    moderator.post(f"/admin/community/comments/{held['id']}/moderate/approve/")
    approved = CommunityComment.objects.get(pk=held["id"])
    assert (approved.state, approved.hold_reason, approved.hold_detail) == (CommentState.PUBLISHED, "", "")


def submit_idea(client: Client, parent, title: str, description: str):
    return client.post(
        "/api/community/ideas/",
        {"parent": parent.pk, "title": title, "description": description, "topics": []},
        content_type=JSON,
    )


def test_each_submitted_idea_is_scored_and_a_flagged_one_stays_in_review(destination, lucia):
    spam = submit_idea(lucia, destination["board"], "Gana dinero", "Invierte en cripto: t.me/mentorcripto")
    fair = submit_idea(lucia, destination["board"], "Cordones reciclados", "Hechos con botellas, ¡brutal!")

    flagged = IdeaTriage.objects.get(idea_id=spam.json()["id"])
    assert flagged.flag == "spam" and flagged.spam >= 0.5
    assert flagged.signals[:2] == ["1 link", "shortened link: t.me"]
    assert IdeaPage.objects.get(pk=spam.json()["id"]).current_workflow_state is not None  # still in review
    ok = IdeaTriage.objects.get(idea_id=fair.json()["id"])
    assert (ok.flag, ok.spam, ok.abuse, ok.signals) == ("", 0, 0, [])


def test_reviewers_list_flagged_ideas_with_the_reason_and_prosumers_cannot(destination, lucia, editor):
    idea_id = submit_idea(lucia, destination["board"], "Idiota", "Eres un idiota si no lo votas").json()["id"]

    listing = editor.get("/admin/triage/ideas/", {"flag": "abuse"})
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Idiota" in page and "insult: idiota" in page and "Abuso" in page
    assert f"/admin/pages/{idea_id}/edit/" in page
    assert "Idiota" not in editor.get("/admin/triage/ideas/", {"flag": "spam"}).content.decode()
    assert lucia.get("/admin/triage/ideas/").status_code in (302, 403)
    # Rows only triage writes: reviewers read them, nobody adds or deletes one in the admin.
    assert editor.get("/admin/triage/ideas/new/").status_code in (302, 403)


def test_a_reviewers_dashboard_lists_flagged_ideas_waiting_for_review(destination, lucia, editor, moderator):
    submit_idea(lucia, destination["board"], "Gana dinero", "Invierte en cripto: t.me/mentorcripto")
    submit_idea(lucia, destination["board"], "Cordones reciclados", "Hechos con botellas")

    dashboard = editor.get("/admin/").content.decode()
    assert "Ideas en revisión que parecen spam o abuso" in dashboard
    assert "Gana dinero" in dashboard and "shortened link: t.me" in dashboard
    assert "Cordones reciclados" not in dashboard.split("flagged-ideas")[1].split("</table>")[0]
    assert "Ideas en revisión que parecen spam o abuso" not in moderator.get("/admin/").content.decode()


def test_ideas_made_before_triage_are_scored_by_the_command_once(destination, lucia):
    from django.core.management import call_command

    idea_id = submit_idea(lucia, destination["board"], "Idiota", "Eres un idiota").json()["id"]
    IdeaTriage.objects.all().delete()  # as if submitted before triage existed

    out = StringIO()
    call_command("triage_ideas", stdout=out)
    assert out.getvalue().strip() == "ideas scored: 2, flagged: 1"  # with the published one of the tree
    assert IdeaTriage.objects.get(idea_id=idea_id).flag == "abuse"
    call_command("triage_ideas", stdout=out)
    assert out.getvalue().strip().endswith("ideas scored: 0, flagged: 0")
