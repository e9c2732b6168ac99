"""Each kind of action the audit log records, done the way the product does it: who, when, what, before
and after."""

from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.log_actions import LogContext

from brand_hub.audit import actions
from brand_hub.audit.models import AuditLogEntry
from brand_hub.audit.services import erased_account_label
from brand_hub.community.models import CommunityComment
from brand_hub.community.moderation import hold_comment
from brand_hub.ideas.models import IdeaStatus
from brand_hub.segments.models import Segment, SegmentRule
from brand_hub.trust import services as trust
from brand_hub.trust.signals import trust_changed
from brand_hub.users.roles import COMMUNITY_MODERATORS, EDITORS, PROSUMERS
from tests.brand_hub.community.calls import say
from tests.brand_hub.ideas.helpers import published_idea

from .conftest import entries, only_entry

pytestmark = pytest.mark.django_db

JSON = "application/json"


def moderate(client, comment_id: int, action: str, **extra):
    response = client.post(
        f"/api/community/comments/{comment_id}/moderation", {"action": action, **extra}, content_type=JSON
    )
    assert response.status_code == 200, response.content
    return response


def test_every_moderation_action_on_a_comment_is_recorded_with_the_moderator_and_the_change(
    post, lucia, moderator
):
    comment_id = say(lucia, post, "Llegó roto", kind="complaint").json()["id"]
    started = timezone.now()
    for action in ("remove", "approve", "pin", "lock", "unlock", "unpin", "resolve", "reopen"):
        moderate(moderator, comment_id, action)
    moderate(moderator, comment_id, "set_kind", kind="praise")
    moderate(moderator, comment_id, "set_kind", kind="praise")  # no change: nothing to record

    recorded = list(
        AuditLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(CommunityComment), object_id=str(comment_id)
        ).order_by("timestamp", "pk")
    )
    assert [entry.action.removeprefix("brand_hub.audit.comment.") for entry in recorded] == [
        "removed", "approved", "pinned", "locked", "unlocked", "unpinned", "resolved", "reopened",
        "kind_changed",
    ]  # fmt: skip
    assert {entry.user_id for entry in recorded} == {moderator.user.pk}
    assert all(entry.timestamp >= started for entry in recorded)
    assert all(entry.content_type.model_class() is CommunityComment for entry in recorded)
    assert recorded[0].label == f"#{comment_id}: Llegó roto"
    assert (recorded[0].before, recorded[0].after) == ("published", "removed")
    assert (recorded[1].before, recorded[1].after) == ("removed", "published")
    assert (recorded[2].before, recorded[2].after) == ({"pinned": False}, {"pinned": True})
    assert (
        recorded[7].before["resolved_by_id"] == moderator.user.pk and recorded[7].after["resolved_at"] is None
    )
    assert (recorded[8].before["kind"], recorded[8].after["kind"]) == ("complaint", "praise")
    with translation.override("en"):
        assert recorded[0].message == "Comment removed: published → removed"


def test_a_hold_by_the_community_is_recorded_as_the_systems_with_its_reason(post, lucia):
    comment = CommunityComment.objects.get(pk=say(lucia, post, "Mirad esto").json()["id"])

    hold_comment(comment, reason="flags", detail="3 flags")

    held = only_entry(actions.COMMENT_HELD)
    with translation.override("en"):
        assert held.user_id is None and held.user_display_name == "system"
    assert held.data["hold_reason"] == "flags" and held.data["hold_detail"] == "3 flags"


def test_an_idea_status_change_and_a_merge_from_the_admin_are_recorded(roles, django_user_model, home):
    from tests.conftest import person
    from tests.factories.pages import build_ideas

    ideas = build_ideas(home)
    editor = person(django_user_model, "elena", EDITORS)
    author = person(django_user_model, "lucia", PROSUMERS).user
    target = published_idea(parent=ideas["board"], author=author, editor=editor.user, title="Suela de corcho")
    source = published_idea(parent=ideas["board"], author=author, editor=editor.user, title="Suela corcho")

    response = editor.post(f"/admin/ideas/{source.pk}/merge/", {"target": target.pk})

    assert response.status_code == 302
    declined = entries(actions.IDEA_STATUS_CHANGED, object_id=str(source.pk))[-1]
    assert (declined.before, declined.after) == (IdeaStatus.SUBMITTED, IdeaStatus.DECLINED)
    assert declined.user_id == editor.user.pk and declined.label == "Suela corcho"
    merged = only_entry(actions.IDEAS_MERGED)
    assert merged.object_id == str(source.pk) and merged.user_id == editor.user.pk
    assert merged.after == {"idea": target.pk, "title": "Suela de corcho"}
    assert merged.uuid == declined.uuid is not None  # one admin action


def test_roles_given_and_taken_in_wagtails_user_editor_are_one_entry_by_the_administrator(
    administrator, lucia, roles
):
    user = lucia.user
    form = {
        "username": user.username,
        "email": user.email,
        "first_name": "Lucía",
        "last_name": "Ruiz",
        "password1": "",
        "password2": "",
        "is_active": "on",
        "is_superuser": "",
        "groups": [roles[COMMUNITY_MODERATORS].pk],
    }

    AuditLogEntry.objects.all().delete()  # the roles given when the accounts were made

    response = administrator.post(reverse("wagtailusers_users:edit", args=[user.pk]), form)

    assert response.status_code == 302, response.context["form"].errors
    changed = only_entry(actions.ROLES_CHANGED, object_id=str(user.pk))
    assert (changed.before, changed.after) == (["Prosumers"], ["Community moderators"])
    assert changed.user_id == administrator.user.pk
    with translation.override("en"):
        assert changed.message == "Roles changed: Prosumers → Community moderators"


def test_roles_changed_outside_the_admin_and_a_new_superuser_are_recorded(lucia, administrator, roles):
    user = lucia.user
    AuditLogEntry.objects.all().delete()  # the roles given when the accounts were made
    with LogContext(user=administrator.user):
        roles[EDITORS].user_set.add(user)
    user.is_superuser = True
    user.save()

    given, superuser = entries(actions.ROLES_CHANGED, object_id=str(user.pk))
    assert (given.before, given.after) == (["Prosumers"], ["Editors", "Prosumers"])
    assert given.user_id == administrator.user.pk
    assert (superuser.before, superuser.after) == (
        ["Editors", "Prosumers"],
        ["Editors", "Prosumers", "superuser"],
    )
    assert superuser.user_id is None  # not in an admin request: the system (a shell, a command)


def test_trust_changes_suspensions_and_reinstatements_are_recorded_from_the_trust_app(lucia, moderator):
    user, by = lucia.user, moderator.user
    trust.set_level(user=user, by=by, level=2, reason="Long-standing member")
    trust_changed.send(sender=None, user=user, before=2, after=3, by=None, reason="Accepted contributions")
    ends_at = timezone.now() + timedelta(days=7)
    suspension = trust.suspend(user=user, by=by, reason="Spam", ends_at=ends_at, hide_content=True)
    trust.lift(suspension=suspension, by=by)

    raised, grown = entries(actions.TRUST_CHANGED, object_id=str(user.pk))
    assert (raised.after, raised.user_id) == (2, by.pk)
    assert raised.data["reason"] == "Long-standing member"
    assert (grown.before, grown.after, grown.user_id) == (2, 3, None)
    suspended = only_entry(actions.ACCOUNT_SUSPENDED, object_id=str(user.pk))
    assert suspended.user_id == by.pk and suspended.data["reason"] == "Spam"
    assert suspended.after["hide_content"] is True and suspended.after["ends_at"].startswith(
        ends_at.isoformat()[:19]
    )
    reinstated = only_entry(actions.ACCOUNT_REINSTATED, object_id=str(user.pk))
    assert reinstated.user_id == by.pk and reinstated.before["ends_at"] and reinstated.after is None
    assert reinstated.data["suspension_id"] == suspension.pk


def test_a_data_export_and_an_erasure_are_recorded_and_the_erased_person_is_named_nowhere(lucia, moderator):
    user_id, name = lucia.user.pk, str(lucia.user)
    moderator_id = moderator.user.pk
    trust_changed.send(sender=None, user=lucia.user, before=0, after=1, by=moderator.user, reason="")

    assert lucia.get("/api/community/me/export").status_code == 200
    exported = only_entry(actions.PERSONAL_DATA_EXPORTED, object_id=str(user_id))
    assert exported.user_id == user_id and "account" in exported.data["sections"]
    deleted = lucia.delete("/api/community/me/", {"password": "pw-lucia-12345"}, content_type=JSON)
    assert deleted.status_code == 204

    erased = only_entry(actions.ACCOUNT_ERASED, object_id=str(user_id))
    assert erased.user_id == user_id
    about_her = AuditLogEntry.objects.filter(object_id=str(user_id), content_type=erased.content_type)
    assert about_her.count() >= 3
    assert not about_her.filter(label__contains=name).exists()
    with translation.override("es"):  # the language of her request
        assert set(about_her.values_list("label", flat=True)) == {erased_account_label(user_id)}
    assert only_entry(actions.TRUST_CHANGED, object_id=str(user_id)).user_id == moderator_id


def test_a_segment_download_is_recorded_with_the_editor_and_the_rows(editor):
    segment = Segment.objects.create(name="Complainers", rule=SegmentRule.COMPLAINT_AUTHORS)

    response = editor.get(reverse("segments:export", args=[segment.pk]))
    b"".join(response.streaming_content)

    exported = only_entry(actions.SEGMENT_EXPORTED, object_id=str(segment.pk))
    assert exported.user_id == editor.user.pk and exported.label == "Complainers"
    assert exported.after == {"format": "csv", "rows": 0}
    assert exported.data["exported_by"] == editor.user.username


def test_a_change_rolled_back_leaves_no_entry(post, lucia, moderator):
    from django.db import transaction

    from brand_hub.community.moderation import remove_comment

    comment = CommunityComment.objects.get(pk=say(lucia, post, "Hola").json()["id"])
    with pytest.raises(RuntimeError), transaction.atomic():
        remove_comment(comment=comment, by=moderator.user)
        raise RuntimeError("rolled back")

    assert not AuditLogEntry.objects.filter(action=actions.COMMENT_REMOVED).exists()


def test_people_given_the_prosumers_group_at_sign_up_leave_one_entry_each(roles, django_user_model):
    user = django_user_model.objects.create_user("nina", "nina@example.com", "pw-nina-12345")
    user.groups.add(Group.objects.get(name=PROSUMERS))
    user.groups.add(Group.objects.get(name=PROSUMERS))  # already there: no change

    assert len(entries(actions.ROLES_CHANGED, object_id=str(user.pk))) == 1


def test_a_key_made_and_revoked_in_the_admin_is_recorded_and_its_uses_are_not(administrator):
    from brand_hub.apikeys.models import ApiKey, ApiKeyUse

    made = administrator.post(
        "/admin/api-keys/new/",
        {"name": "Brandwatch", "scopes": ["mentions:ingest"], "expires_at": "2099-01-01 00:00"},
    )
    full_key = made.context["full_key"]
    key = ApiKey.objects.get()
    administrator.post(
        "/api/listening/mentions", {"items": []}, content_type=JSON, HTTP_AUTHORIZATION=f"Bearer {full_key}"
    )
    administrator.post(f"/admin/api-keys/edit/{key.pk}/", {"name": "Brandwatch", "revoke": "on"})

    created = only_entry(actions.API_KEY_CREATED, object_id=str(key.pk))
    assert created.user_id == administrator.user.pk and created.after["scopes"] == ["mentions:ingest"]
    assert full_key.split("_")[-1] not in str(created.data) + created.label
    revoked = only_entry(actions.API_KEY_REVOKED, object_id=str(key.pk))
    assert revoked.user_id == administrator.user.pk and revoked.after["revoked_at"]
    assert ApiKeyUse.objects.filter(key=key).count() == 1
    assert AuditLogEntry.objects.filter(content_type=created.content_type).count() == 2
