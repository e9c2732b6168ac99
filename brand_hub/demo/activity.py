"""The demo community's life in each language: members, discussions, reactions, votes, groups and shares.

Everything goes through the services the API calls, so counters (likes, votes, visits) agree with
their rows. Each item is looked up before it is made, so a second run creates nothing. Choices
that the assets leave open (who likes a comment, who votes for an idea) come from random
generators seeded with the item's own key: the same on every run, whatever else changed.
"""

import random
from collections import Counter
from collections.abc import Iterator

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Count, F
from django.utils import timezone

from wagtail.models import Locale, Page

from brand_hub.community.comments import post_comment, react
from brand_hub.community.markup import clean_comment_html
from brand_hub.community.models import (
    CommentKind,
    CommentReaction,
    CommentState,
    CommunityComment,
    Follow,
    ReactionValue,
)
from brand_hub.community.moderation import resolve_comment
from brand_hub.community.notifications import follow_page
from brand_hub.community_groups.models import CommunityGroupPage, GroupMembership
from brand_hub.community_groups.services import join_group, set_group_moderator
from brand_hub.core.errors import Refused
from brand_hub.ideas.models import IdeaPage, IdeaStatus, IdeaVote
from brand_hub.ideas.services import cast_vote
from brand_hub.recommendations.models import ShareChannel, ShareLink, ShareVisit
from brand_hub.recommendations.services import record_visit, share_page, visitor_key_for
from brand_hub.trust.models import TrustLevel
from brand_hub.trust.services import level_of, set_level
from brand_hub.users.roles import PROSUMERS, ensure_roles

from .assets import LANGUAGES, DemoContentError

#: How likely a member of the language is to vote for an idea, by its status: answered and
#: popular ideas gathered more support before the brand took them on.
VOTE_LIKELIHOOD = {
    IdeaStatus.IMPLEMENTED: 0.85,
    IdeaStatus.IN_PROGRESS: 0.75,
    IdeaStatus.PLANNED: 0.7,
    IdeaStatus.UNDER_REVIEW: 0.6,
    IdeaStatus.SUBMITTED: 0.45,
    IdeaStatus.DECLINED: 0.25,
}
#: Kinds of thread whose author follows the page, waiting for an answer.
FOLLOWED_KINDS = {CommentKind.QUESTION, CommentKind.COMPLAINT, CommentKind.SUGGESTION}
#: Who resolves complaints and questions: the account of the community moderators' role.
RESOLVER = "moderator"
DEMO_VOUCH_REASON = "A member of the demo community"


def validate_activity(spec: dict, *, page_refs: set[str], accounts: set[str]) -> None:
    """Every reference in the activity assets points at something the seeder makes."""
    members = {member["username"] for member in spec["members"]}
    people = members | accounts
    problems = []
    if set(spec["languages"]) != set(LANGUAGES):
        problems.append(f"languages {sorted(spec['languages'])} instead of {list(LANGUAGES)}")
    for code, language in spec["languages"].items():
        named = [*language["accounts"], *language["group_moderators"].values()]
        named += [comment["author"] for comment in comments_in(language["threads"])]
        named += [share["sharer"] for share in language["shares"]]
        problems += [f"{code}: unknown person {name!r}" for name in sorted(set(named) - people)]
        refs = [*language["group_moderators"], *(thread["page"] for thread in language["threads"])]
        refs += [share["page"] for share in language["shares"]]
        problems += [f"{code}: unknown page {ref!r}" for ref in sorted(set(refs) - page_refs)]
        for comment in comments_in(language["threads"]):
            if comment.get("kind", CommentKind.OTHER) not in CommentKind.values:
                problems.append(f"{code}: unknown kind {comment['kind']!r}")
        problems += [
            f"{code}: unknown channel {share['channel']!r}"
            for share in language["shares"]
            if share["channel"] not in ShareChannel.values
        ]
    if problems:
        raise DemoContentError("The demo activity assets are inconsistent: " + "; ".join(problems))


def comments_in(comments: list[dict]) -> Iterator[dict]:
    """Every comment of the threads, parents before their replies."""
    for comment in comments:
        yield comment
        yield from comments_in(comment.get("replies", []))


def ensure_member(*, username: str, display_name: str, language: str, prosumers: Group):
    """A demo prosumer who never signs in; (user, created).

    No password and no e-mail address: the seeded discussions notify people in the app, and no
    message should leave for someone who does not exist.
    """
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = user_model(username=username, display_name=display_name, preferred_locale=language)
    user.set_unusable_password()
    user.terms_accepted_at = user.privacy_accepted_at = timezone.now()
    user.terms_version = settings.TERMS_VERSION
    user.save()
    user.groups.add(prosumers)
    return user, True


class ActivitySeeder:
    """The community of the demo: people of each language taking part on that language's pages."""

    def __init__(self, *, spec: dict, report, locales: dict[str, Locale], accounts: dict, pages: dict):
        self.spec = spec
        self.report = report
        self.locales = locales
        #: Everyone who takes part, by username: the demo's accounts, then the members.
        self.people = dict(accounts)
        #: The Spanish pages by their "ref" in the assets.
        self.pages = pages
        #: What the services refused, by (kind of item, reason): reported, never fatal.
        self.skipped: Counter = Counter()

    def run(self) -> None:
        validate_activity(self.spec, page_refs=set(self.pages), accounts=set(self.people))
        self.ensure_members()
        self.vouch_for_members()
        for code in LANGUAGES:
            self.seed_language(code)
        for (what, reason), count in sorted(self.skipped.items()):
            self.report.notes.append(f"community: {count} {what} skipped: {reason}")

    def ensure_members(self) -> None:
        prosumers = ensure_roles()[PROSUMERS]
        for member in self.spec["members"]:
            user, created = ensure_member(
                username=member["username"],
                display_name=member["display_name"],
                language=member["language"],
                prosumers=prosumers,
            )
            self.report.tally("member", created)
            self.people[user.username] = user

    def vouch_for_members(self) -> None:
        """The demo's community is an established one: its prosumers are members already, set so by
        the moderator with a reason (brand_hub.trust), so that their seeded comments are not held as
        a new member's first ones. Someone who signs up on the demo is a new member."""
        moderator = self.people[RESOLVER]
        for user in self.people.values():
            if level_of(user) == TrustLevel.NEW and not user.has_perm("community.moderate_comment"):
                set_level(user=user, by=moderator, level=TrustLevel.MEMBER, reason=DEMO_VOUCH_REASON)
                self.report.tally("trust level", True)

    def seed_language(self, code: str) -> None:
        spec = self.spec["languages"][code]
        pages = self.pages_in(code)
        names = [m["username"] for m in self.spec["members"] if m["language"] == code]
        crowd = [self.people[name] for name in (*names, *spec["accounts"])]
        threads = spec["threads"]
        # Members join first, so that whoever writes in a group's discussion belongs to it; follows
        # come after the comments, so that nobody is notified of the seeded discussion.
        self.ensure_memberships(code, spec, pages, crowd)
        comments = []
        for thread in threads:
            self.ensure_comment(thread, page=pages[thread["page"]], parent=None, posted=comments)
        self.ensure_reactions(comments, crowd)
        self.ensure_votes(code, pages, crowd, threads)
        self.ensure_follows(pages, crowd, threads)
        self.ensure_shares(code, pages, spec["shares"])

    def pages_in(self, code: str) -> dict[str, Page]:
        """The pages in that language, by the ref of their Spanish source, as their specific type."""
        refs = {page.translation_key: ref for ref, page in self.pages.items()}
        translated = Page.objects.filter(locale=self.locales[code], translation_key__in=refs).specific()
        return {refs[page.translation_key]: page for page in translated}

    def ensure_memberships(self, code: str, spec: dict, pages: dict[str, Page], crowd: list) -> None:
        """One moderator per group, its discussion's authors, and about half the others."""
        moderators = spec["group_moderators"]
        for ref, group in pages.items():
            if not isinstance(group, CommunityGroupPage):
                continue
            authors = {
                comment["author"]
                for thread in spec["threads"]
                if thread["page"] == ref
                for comment in comments_in([thread])
            }
            rng = random.Random(f"members:{code}:{ref}")
            joining = [person for person in crowd if rng.random() < 0.5 or person.username in authors]
            roles = dict(GroupMembership.objects.filter(group=group).values_list("member_id", "role"))
            moderator = self.people[moderators[ref]] if ref in moderators else None
            if moderator is not None:
                promoted = roles.get(moderator.pk) != GroupMembership.Role.MODERATOR
                if promoted:
                    set_group_moderator(group=group, member=moderator)
                self.report.tally("group membership", promoted)
            for person in joining:
                if person == moderator:
                    continue
                if person.pk not in roles:
                    join_group(group=group, member=person)
                self.report.tally("group membership", person.pk not in roles)

    def ensure_comment(self, spec: dict, *, page: Page, parent, posted: list) -> None:
        """The comment and its replies, found by page, author and text, or posted."""
        author = self.people[spec["author"]]
        comment = CommunityComment.objects.filter(
            page=page, user=author, comment=clean_comment_html(spec["text"])
        ).first()
        if comment is None:
            try:
                comment = post_comment(
                    author=author,
                    page=page,
                    text=spec["text"],
                    kind=spec.get("kind", CommentKind.OTHER),
                    parent_id=parent.pk if parent else None,
                )
            except Refused as refusal:
                self.skipped["comments", str(refusal)] += 1
                return
            self.report.tally("comment", True)
        else:
            self.report.tally("comment", False)
        if comment.state != CommentState.PUBLISHED:
            # Held by the blocklist (or since removed): nobody may react or reply to it.
            self.skipped["replies and reactions", f"a comment on {page.title!r} is {comment.state}"] += 1
            return
        if spec.get("resolved"):
            unresolved = comment.resolved_at is None
            if unresolved:
                comment = resolve_comment(comment=comment, by=self.people[RESOLVER])
            self.report.tally("resolution", unresolved)
        posted.append(comment)
        for reply in spec.get("replies", []):
            self.ensure_comment(reply, page=page, parent=comment, posted=posted)

    def ensure_reactions(self, comments: list[CommunityComment], crowd: list) -> None:
        """Up to four people of the language react to each comment, mostly with a like."""
        for comment in comments:
            rng = random.Random(f"reactions:{comment.language}:{comment.comment}")
            others = [person for person in crowd if person.pk != comment.user_id]
            reactors = rng.sample(others, k=rng.randint(0, min(4, len(others))))
            already = set(CommentReaction.objects.filter(comment=comment).values_list("user_id", flat=True))
            for person in reactors:
                value = ReactionValue.DISLIKE if rng.random() < 0.1 else ReactionValue.LIKE
                if person.pk not in already:
                    react(comment=comment, user=person, value=value)
                self.report.tally("reaction", person.pk not in already)

    def ensure_votes(self, code: str, pages: dict[str, Page], crowd: list, threads: list[dict]) -> None:
        """Each person votes for an idea as likely as its status says; whoever praised it does."""
        for ref, idea in pages.items():
            if not isinstance(idea, IdeaPage):
                continue
            praising = {
                comment["author"]
                for thread in threads
                if thread["page"] == ref
                for comment in comments_in([thread])
                if comment.get("kind") == CommentKind.PRAISE
            }
            rng = random.Random(f"votes:{code}:{ref}")
            likelihood = VOTE_LIKELIHOOD.get(idea.status, 0.5)
            voters = [person for person in crowd if rng.random() < likelihood or person.username in praising]
            already = set(IdeaVote.objects.filter(idea=idea).values_list("voter_id", flat=True))
            for voter in voters:
                if voter.pk in already:
                    self.report.tally("vote", False)
                    continue
                try:
                    cast_vote(idea=idea, voter=voter)
                except Refused as refusal:
                    # A challenge past its voting phase refuses; the demo keeps the votes it has.
                    self.skipped["votes", str(refusal)] += 1
                    continue
                self.report.tally("vote", True)

    def ensure_follows(self, pages: dict[str, Page], crowd: list, threads: list[dict]) -> None:
        """Whoever asked, complained or suggested follows the page to hear the answer."""
        for thread in threads:
            author = self.people[thread["author"]]
            if thread.get("kind") not in FOLLOWED_KINDS or author not in crowd:
                continue
            page = pages[thread["page"]]
            following = Follow.objects.filter(user=author, page=page).exists()
            if not following:
                try:
                    follow_page(user=author, page_id=page.pk)
                except Refused as refusal:
                    self.skipped["follows", str(refusal)] += 1
                    continue
            self.report.tally("follow", not following)

    def ensure_shares(self, code: str, pages: dict[str, Page], shares: list[dict]) -> None:
        """Each share link and its visits, visitors numbered per language so that some recur."""
        for share in shares:
            link, created = share_page(
                sharer=self.people[share["sharer"]], page_id=pages[share["page"]].pk, channel=share["channel"]
            )
            self.report.tally("share link", created)
            recorded = min(link.visit_count, share["visits"])
            self.report.tally("share visit", False, count=recorded)
            for number in range(recorded, share["visits"]):
                visitor_key = visitor_key_for(f"senda-demo-{code}-{number}")
                self.report.tally("share visit", record_visit(link=link, visitor_key=visitor_key))


def activity_inventory() -> list[tuple[str, dict[str, int]]]:
    """How much of the community's activity exists, per language code."""

    def per_language(queryset, language_field: str) -> dict[str, int]:
        return dict(queryset.order_by().values_list(language_field).annotate(total=Count("pk")))

    comments = CommunityComment.objects.filter(state=CommentState.PUBLISHED)
    return [
        (
            "prosumers",
            per_language(get_user_model().objects.filter(groups__name=PROSUMERS), "preferred_locale"),
        ),
        ("comments", per_language(comments, "language")),
        ("  of which replies", per_language(comments.exclude(parent_id=F("pk")), "language")),
        ("  resolved", per_language(comments.filter(resolved_at__isnull=False), "language")),
        ("reactions", per_language(CommentReaction.objects.all(), "comment__language")),
        ("idea votes", per_language(IdeaVote.objects.all(), "idea__locale__language_code")),
        ("group memberships", per_language(GroupMembership.objects.all(), "group__locale__language_code")),
        ("follows", per_language(Follow.objects.all(), "page__locale__language_code")),
        ("share links", per_language(ShareLink.objects.all(), "page__locale__language_code")),
        ("share visits", per_language(ShareVisit.objects.all(), "link__page__locale__language_code")),
    ]
