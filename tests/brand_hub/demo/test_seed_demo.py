"""The demo seeder: the Senda destination and its community in three languages, built once."""

import datetime
import json
import re
from io import StringIO

import pytest

from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, F
from django.test import RequestFactory, TestCase
from django.utils import timezone, translation

from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from brand_hub.blog.models import Author, BlogPage
from brand_hub.community.models import (
    CommentKind,
    CommentReaction,
    CommentState,
    CommunityComment,
    Follow,
    Notification,
)
from brand_hub.community_groups.models import CommunityGroupPage, GroupMembership
from brand_hub.core.models import LocalizedSiteSettings
from brand_hub.home.models import HomePage
from brand_hub.ideas.models import (
    IdeaBoardPage,
    IdeaChallengePage,
    IdeaPage,
    IdeaStatus,
    IdeaVote,
)
from brand_hub.recommendations.models import ShareLink, ShareVisit
from brand_hub.users.roles import PROSUMERS

# One worker seeds once for the whole module (`first_run`), under `pytest -n` too.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seed_demo")]

PASSWORD_LINE = re.compile(r"^(admin|editor|prosumer) password: (\S+)$", re.MULTILINE)


def seed_demo() -> str:
    """Run the command as `manage.py seed_demo` does, translations published at commit."""
    out = StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker) -> str:
    """The output of one full seeding shared by this module's tests, rolled back after the last.

    Seeding takes several seconds; each test runs inside its own savepoint on top of it.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo()
        transaction.set_rollback(True)


def demo_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "authors": Author.objects.count(),
        "site settings": LocalizedSiteSettings.objects.count(),
        "locales": Locale.objects.count(),
        "comments": CommunityComment.objects.count(),
        "reactions": CommentReaction.objects.count(),
        "idea votes": IdeaVote.objects.count(),
        "group memberships": GroupMembership.objects.count(),
        "follows": Follow.objects.count(),
        "share links": ShareLink.objects.count(),
        "share visits": ShareVisit.objects.count(),
        "notifications": Notification.objects.count(),
    }


def demo_members() -> list[dict]:
    path = settings.BASE_DIR / "site" / "demo" / "activity.json"
    return json.loads(path.read_text(encoding="utf-8"))["members"]


def test_the_demo_seeder_builds_the_destination_in_three_languages(first_run):
    for code in ("es", "en", "pl"):
        pages = Page.objects.filter(locale__language_code=code)
        assert pages.type(BlogPage).count() >= 10
        assert pages.type(CommunityGroupPage).count() == 3
        assert pages.type(IdeaBoardPage).count() == 1
        assert pages.type(IdeaChallengePage).count() == 2
        ideas = IdeaPage.objects.filter(locale__language_code=code)
        assert ideas.count() >= 20
        assert set(ideas.values_list("status", flat=True)) == set(IdeaStatus.values)
        assert not pages.filter(live=False).exists()
        assert LocalizedSiteSettings.objects.filter(locale__language_code=code).count() == 1

    challenges = IdeaChallengePage.objects.filter(locale__language_code="es")
    assert sorted(challenge.phase for challenge in challenges) == ["collecting", "voting"]

    spanish_post = BlogPage.objects.filter(locale__language_code="es").first()
    polish_post = spanish_post.get_translation(Locale.objects.get(language_code="pl"))
    english_post = spanish_post.get_translation(Locale.objects.get(language_code="en"))
    assert polish_post.translation_key == english_post.translation_key == spanish_post.translation_key
    assert polish_post.title != spanish_post.title
    assert polish_post.intro != spanish_post.intro
    assert polish_post.get_parent().get_translation(spanish_post.locale).pk == spanish_post.get_parent().pk

    # The Polish home features Polish pages, not the Spanish ones wagtail-localize would keep.
    polish_home = HomePage.objects.get(locale__language_code="pl")
    featured = [page for row in polish_home.featured for page in row.value["pages"]]
    assert featured and {page.locale.language_code for page in featured} == {"pl"}

    # Every page is reached at its URL: /es/, /en/ and /pl/ lead to the home page in that
    # language (Wagtail routes from the default site's root page localized to the URL prefix).
    Site.clear_site_root_paths_cache()
    assert polish_post.url.startswith("/pl/blog/")
    for page in Page.objects.filter(depth__gt=1):
        code, path = page.url.strip("/").partition("/")[::2]
        with translation.override(code):
            request = RequestFactory().get(page.url, HTTP_HOST="localhost")
            routed, _args, _kwargs = Page.route_for_request(request, path)
        assert routed.pk == page.pk
        assert page.locale.language_code == code


def test_running_the_demo_seeder_twice_creates_no_duplicates(first_run):
    assert first_run.startswith("seed_demo: 126 pages created, 0 already there")
    first = demo_counts()

    output = seed_demo()

    assert demo_counts() == first
    assert output.startswith("seed_demo: 0 pages created, ")
    assert set(re.findall(r"(\d+) created", output)) == {"0"}
    assert "comment: 0 created, " in output and "vote: 0 created, " in output


def test_the_demo_seeder_prints_generated_passwords_once(first_run):
    passwords = dict(PASSWORD_LINE.findall(first_run))
    assert set(passwords) == {"admin", "editor", "prosumer"}
    assert len(set(passwords.values())) == 3
    editor = authenticate(username="editor", password=passwords["editor"])
    assert editor is not None and editor.has_perm("wagtailadmin.access_admin")
    prosumer = authenticate(username="prosumer", password=passwords["prosumer"])
    assert prosumer is not None and not prosumer.has_perm("wagtailadmin.access_admin")
    # The frontend's log-in asks for an e-mail address: the output names it.
    assert f"prosumer logs in to the frontend as {prosumer.email}" in first_run

    second_output = seed_demo()

    assert not PASSWORD_LINE.search(second_output)
    assert not any(password in second_output for password in passwords.values())
    assert "changepassword editor" in second_output


def test_the_demo_seeder_brings_a_community_to_life_in_each_language(first_run):
    moderator = get_user_model().objects.get(username="moderator")
    for code in ("es", "en", "pl"):
        comments = CommunityComment.objects.filter(language=code, state=CommentState.PUBLISHED)
        # Each comment is written in its page's language, on every kind of discussed page.
        assert not comments.exclude(page__locale__language_code=code).exists()
        page_types = set(comments.values_list("page__content_type__model", flat=True))
        assert page_types == {"blogpage", "communitygrouppage", "ideachallengepage", "ideapage"}
        assert set(comments.values_list("kind", flat=True)) == set(CommentKind.values)
        replies = comments.exclude(parent_id=F("pk"))
        assert comments.filter(parent_id=F("pk")).count() >= 10 and replies.count() >= 10
        assert replies.filter(level__gte=2).exists()
        resolved = comments.filter(resolved_at__isnull=False)
        assert resolved.exists() and set(resolved.values_list("resolved_by", flat=True)) == {moderator.pk}
        assert set(resolved.values_list("kind", flat=True)) <= {CommentKind.QUESTION, CommentKind.COMPLAINT}

        assert CommentReaction.objects.filter(comment__language=code).count() >= 20
        assert IdeaVote.objects.filter(idea__locale__language_code=code).count() >= 20
        assert Follow.objects.filter(page__locale__language_code=code).exists()
        links = ShareLink.objects.filter(page__locale__language_code=code)
        assert links.exists() and all(link.visit_count > 0 for link in links)

        # Every group has members and exactly one of them moderates it.
        for group in CommunityGroupPage.objects.filter(locale__language_code=code):
            roles = list(group.memberships.values_list("role", flat=True))
            assert len(roles) >= 2 and roles.count(GroupMembership.Role.MODERATOR) == 1

    # The services kept every counter equal to its rows.
    for idea in IdeaPage.objects.annotate(votes_cast=Count("votes")):
        assert idea.vote_count == idea.votes_cast
    for comment in CommunityComment.objects.annotate(reactions_given=Count("reactions")):
        assert comment.like_count + comment.dislike_count == comment.reactions_given
    for link in ShareLink.objects.annotate(visits_made=Count("visits")):
        assert link.visit_count == link.visits_made

    # Notifications stay in the app: nobody they went to has an address to e-mail.
    assert Notification.objects.exists()
    assert not Notification.objects.exclude(recipient__email="").exists()


def test_every_demo_comment_and_idea_has_a_sentiment_and_all_three_labels_occur(first_run):
    for model in (CommunityComment, IdeaPage):
        assert not model.objects.filter(sentiment="").exists()
        assert not model.objects.filter(sentiment_score__isnull=True).exists()
    assert set(CommunityComment.objects.values_list("sentiment", flat=True)) == {
        "positive",
        "neutral",
        "negative",
    }


def test_the_demo_community_has_weeks_of_history_for_the_insights(first_run):
    from brand_hub.ideas.models import IdeaStatusChange
    from brand_hub.insights.models import DailyActivity, InfluenceScore, PageViewDay

    now = timezone.now()
    posted = CommunityComment.objects.values_list("submit_date", flat=True)
    assert now - min(posted) > datetime.timedelta(days=40)
    assert max(posted) < now
    assert len({moment.date() for moment in posted}) > 20
    # Replies come after what they answer, resolutions after the question or complaint.
    when = dict(CommunityComment.objects.values_list("pk", "submit_date"))
    for pk, parent_id in CommunityComment.objects.exclude(parent_id=F("pk")).values_list("pk", "parent_id"):
        assert when[pk] > when[parent_id]
    assert not CommunityComment.objects.filter(resolved_at__lt=F("submit_date")).exists()
    assert PageViewDay.objects.exists()
    assert IdeaStatusChange.objects.filter(to_status="implemented").exists()
    # What the nightly jobs make is there, so the dashboard has something to show at once.
    assert DailyActivity.objects.filter(metric="comment").exists()
    assert InfluenceScore.objects.filter(scope="all").exists()


def test_the_demo_community_members_are_prosumers_who_never_sign_in(first_run):
    for spec in demo_members():
        member = get_user_model().objects.get(username=spec["username"])
        assert member.display_name == spec["display_name"]
        assert member.preferred_locale == spec["language"]
        assert not member.has_usable_password()
        assert member.terms_accepted_at and member.privacy_accepted_at
        assert member.terms_version == settings.TERMS_VERSION
        assert list(member.groups.values_list("name", flat=True)) == [PROSUMERS]
        assert f"{spec['username']} password" not in first_run
    assert "member: 15 created, 0 there" in first_run


def test_the_demo_seeder_skips_votes_on_a_challenge_past_its_voting_phase(first_run):
    voting = IdeaChallengePage.objects.get(locale__language_code="es", slug__contains="colores")
    challenges = IdeaChallengePage.objects.filter(translation_key=voting.translation_key)
    yesterday = timezone.now() - datetime.timedelta(days=1)
    challenges.update(voting_ends_at=yesterday)
    ideas = IdeaPage.objects.filter(
        pk__in=[page.pk for challenge in challenges for page in challenge.get_children()]
    )
    IdeaVote.objects.filter(idea__in=ideas).delete()
    ideas.update(vote_count=0)

    output = seed_demo()

    assert not IdeaVote.objects.filter(idea__in=ideas).exists()
    assert re.search(r"^  community: \d+ votes skipped: ", output, re.MULTILINE)
    assert IdeaVote.objects.exclude(idea__in=ideas).exists()


def test_the_demo_pages_describe_their_images_in_their_own_language(first_run, client):
    assets = json.loads((settings.BASE_DIR / "site" / "demo" / "ideas.json").read_text(encoding="utf-8"))
    alt = assets["challenges"][0]["cover_image_alt"]
    challenge = IdeaChallengePage.objects.get(locale__language_code="es", cover_image_alt=alt["es"])

    for code in ("es", "en", "pl"):
        page = challenge.get_translation(Locale.objects.get(language_code=code))
        assert client.get(f"/api/v3/pages/{page.pk}/").json()["cover_image"]["alt"] == alt[code], code
    for post in BlogPage.objects.live().filter(locale__language_code="pl"):
        assert post.hero_image_alt and post.hero_image_alt != post.hero_image.title
