"""What prosumers and editors do with ideas: submit, vote, answer with a status, merge, export."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from brand_hub.core.errors import Conflict, NotAllowed, Refused
from brand_hub.headless.public_urls import page_path
from brand_hub.headless.timestamps import iso_timestamp
from brand_hub.sentiment.scoring import idea_sentiment
from brand_hub.sentiment.services import Rescored, RescoreOptions, rescore
from search.models import SearchedIndex
from search.outbox import record_change

from .models import (
    ChallengePhase,
    IdeaAnswerLink,
    IdeaBoardPage,
    IdeaChallengePage,
    IdeaPage,
    IdeaStatus,
    IdeaStatusChange,
    IdeaVote,
)
from .signals import idea_answers_linked, idea_status_changed, idea_submitted, ideas_merged, vote_cast

IdeaParent = IdeaBoardPage | IdeaChallengePage


@dataclass
class Merge:
    target: IdeaPage
    redirect: Redirect | None


#: Challenge phases in which ideas may still gain or lose votes.
VOTING_PHASES = (ChallengePhase.COLLECTING, ChallengePhase.VOTING)


def paragraphs_html(text: str) -> str:
    """A prosumer's plain text as rich text: paragraphs on blank lines, line breaks kept, HTML escaped."""
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br/>".join(escape(line) for line in part.split("\n")) + "</p>"
        for part in paragraphs
        if part
    )


def ensure_accepts_ideas(parent: IdeaParent) -> None:
    if isinstance(parent, IdeaChallengePage):
        if parent.phase != ChallengePhase.COLLECTING:
            raise Conflict(_("This challenge is not collecting ideas now."), field="parent")
    elif not parent.accepts_ideas:
        raise Conflict(_("This board does not accept new ideas."), field="parent")


def accepts_votes(parent: Page) -> bool:
    if isinstance(parent, IdeaChallengePage):
        return parent.phase in VOTING_PHASES
    return isinstance(parent, IdeaBoardPage) and parent.accepts_votes


def can_review(user, idea: IdeaPage) -> bool:
    """Editors answer ideas: whoever may publish the idea page may change its status."""
    return bool(user and user.is_authenticated and idea.permissions_for_user(user).can_publish())


def _ensure_can_review(user, idea: IdeaPage) -> None:
    if not can_review(user, idea):
        raise NotAllowed(_("Only editors may change the status of ideas."))


def _free_slug(parent: Page, title: str) -> str:
    base = slugify(title, allow_unicode=True)[:80].strip("-") or "idea"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def submit_idea(*, author, parent: IdeaParent, title: str, description: str, topics: list[str]) -> IdeaPage:
    """Create the idea as a draft owned by its author and start its review (`review.IDEA_REVIEW`).

    The Editors find it on their dashboard, are e-mailed by Wagtail, and approve (publish) or
    reject it, with a comment, in Wagtail's workflow screens.
    """
    # Locking the parent serialises submissions to it: the tree path and slug of a new child
    # are computed from its siblings.
    parent = Page.objects.select_for_update().get(pk=parent.pk).specific
    ensure_accepts_ideas(parent)
    idea = IdeaPage(
        title=title,
        slug=_free_slug(parent, title),
        description=paragraphs_html(description),
        locale_id=parent.locale_id,
        owner=author,
        proposed_by=author,
        status=IdeaStatus.SUBMITTED,
        live=False,
        has_unpublished_changes=True,
    )
    idea.topics.add(*topics)
    parent.add_child(instance=idea)
    idea.save_revision(user=author, log_action=True)
    workflow = idea.get_workflow()
    if workflow is not None:
        workflow.start(idea, author)
    record_change(SearchedIndex.IDEAS, [idea.pk])
    idea_submitted.send(sender=IdeaPage, idea=idea)
    return idea


def _locked_idea(idea: IdeaPage) -> IdeaPage:
    """The idea as it stands under a lock on its votes: published or not, where, how many votes.

    Only the idea's own row: a publish updates the page row first, so locking both could deadlock.
    """
    return IdeaPage.objects.select_for_update(of=("self",)).only("live", "path", "vote_count").get(pk=idea.pk)


def _voting_parent(idea: IdeaPage) -> Page | None:
    """The challenge or board the idea belongs to, with just what says whether it takes votes."""
    path = idea.path[: -idea.steplen]
    return (
        IdeaChallengePage.objects.filter(path=path).only(*IdeaChallengePage.PHASE_FIELDS).first()
        or IdeaBoardPage.objects.filter(path=path).only("accepts_votes").first()
    )


def _ensure_open_for_votes(idea: IdeaPage) -> None:
    if not idea.live:
        raise Conflict(_("Only published ideas take votes."), field="idea")
    parent = _voting_parent(idea)
    if parent is None or not accepts_votes(parent):
        raise Conflict(_("Voting is closed for this idea."), field="idea")


@transaction.atomic
def cast_vote(*, idea: IdeaPage, voter) -> int:
    """Add the voter's vote and return the idea's new count.

    The count moves by F() in the same transaction as the vote row, under a lock on the idea,
    so it stays equal to the number of votes whatever the number of concurrent voters; read under
    that lock, it is the new count less this vote.
    """
    idea = _locked_idea(idea)
    _ensure_open_for_votes(idea)
    try:
        # The unique constraint on (idea, voter) answers "voted already?" without a query of its own.
        # No savepoint: the refusal leaves this function's transaction, which rolls back.
        vote = IdeaVote.objects.create(idea=idea, voter=voter)
    except IntegrityError as error:
        raise Conflict(_("You already voted for this idea."), field="idea") from error
    IdeaPage.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") + 1)
    record_change(SearchedIndex.IDEAS, [idea.pk])
    vote_cast.send(sender=IdeaPage, idea=idea, voter=voter, vote=vote, vote_count=idea.vote_count + 1)
    return idea.vote_count + 1


@transaction.atomic
def withdraw_vote(*, idea: IdeaPage, voter) -> int:
    """Take the voter's vote back and return the idea's new count."""
    idea = _locked_idea(idea)
    _ensure_open_for_votes(idea)
    deleted, _details = IdeaVote.objects.filter(idea=idea, voter=voter).delete()
    if not deleted:
        raise Conflict(_("You have not voted for this idea."), field="idea")
    IdeaPage.objects.filter(pk=idea.pk).update(vote_count=F("vote_count") - 1)
    record_change(SearchedIndex.IDEAS, [idea.pk])
    return idea.vote_count - 1


def recount_votes(*, idea: IdeaPage) -> int:
    """Set the stored count from the votes themselves; call it with the idea locked."""
    count = IdeaVote.objects.filter(idea=idea).count()
    IdeaPage.objects.filter(pk=idea.pk).update(vote_count=count)
    return count


def record_status_change(
    *, idea: IdeaPage, previous_status: str, previous_response: str, by
) -> IdeaStatusChange | None:
    """Record a published change of status or official response and tell the listeners.

    Called for every publish of an idea, from the admin or from `change_idea_status`; a publish
    that changes neither records nothing.
    """
    response_changed = idea.official_response != previous_response
    if idea.status == previous_status and not response_changed:
        return None
    change = IdeaStatusChange.objects.create(
        idea=idea,
        from_status=previous_status,
        to_status=idea.status,
        official_response=idea.official_response if response_changed else "",
        changed_by=by,
    )
    idea_status_changed.send(sender=IdeaPage, idea=idea, change=change)
    return change


@transaction.atomic
def change_idea_status(*, idea: IdeaPage, by, status: str, official_response: str = "") -> IdeaStatusChange:
    """Publish a revision of the idea with a new status and, when given, a new official response.

    `official_response` is rich text; an empty one keeps the response already published. The
    publish receiver records the change, exactly as for a publish from the admin.
    """
    _ensure_can_review(by, idea)
    if status not in IdeaStatus.values:
        raise Refused(_("Unknown status '%(status)s'.") % {"status": status}, field="status")
    # The page row holds the live content: the new revision starts from it, not from a draft.
    idea = IdeaPage.objects.get(pk=idea.pk)
    if not idea.live:
        raise Conflict(_("Approve the idea in moderation before answering it."), field="idea")
    response = official_response or idea.official_response
    if status == idea.status and response == idea.official_response:
        raise Conflict(_("The idea already has this status and response."), field="status")
    idea.status = status
    if response != idea.official_response:
        idea.official_response = response
        idea.official_response_at = timezone.now()
    idea.save_revision(user=by, log_action=True).publish(user=by)
    return idea.status_changes.latest()


@transaction.atomic
def merge_idea(*, source: IdeaPage, target: IdeaPage, by) -> Merge:
    """Fold a duplicate into the original: its votes, its URL, its place in the listings.

    A voter who supported both keeps one vote. The source is declined with a response pointing to
    the target and unpublished; its URL redirects to the target on every site.
    """
    if source.pk == target.pk:
        raise Refused(_("An idea cannot be merged into itself."), field="target")
    _ensure_can_review(by, source)
    _ensure_can_review(by, target)
    # Lock both in a fixed order so two merges of the same pair cannot deadlock.
    locked = {
        idea.pk: idea
        for idea in IdeaPage.objects.select_for_update(of=("self",))
        .filter(pk__in=[source.pk, target.pk])
        .order_by("pk")
    }
    source, target = locked[source.pk], locked[target.pk]
    if not source.live:
        raise Conflict(_("Only a published idea can be merged."), field="idea")
    if not target.live:
        raise Conflict(_("Merge into a published idea."), field="target")

    target_voters = IdeaVote.objects.filter(idea=target, voter__isnull=False).values("voter")
    IdeaVote.objects.filter(idea=source, voter__in=target_voters).delete()
    IdeaVote.objects.filter(idea=source).update(idea=target)
    recount_votes(idea=source)
    recount_votes(idea=target)

    old_path = page_path(source)
    response = '<p>{} <a linktype="page" id="{}">{}</a></p>'.format(
        escape(_("Merged into the idea")), target.pk, escape(target.title)
    )
    change_idea_status(idea=source, by=by, status=IdeaStatus.DECLINED, official_response=response)
    # What the duplicate answered, the original answers now (resolved at once if it is planned).
    answered = list(IdeaAnswerLink.objects.filter(idea=source).values_list("comment_id", flat=True))
    IdeaAnswerLink.objects.filter(idea=source).update(idea=target)
    if answered:
        idea_answers_linked.send(sender=IdeaPage, idea=target, comment_ids=answered, by=by)
    IdeaPage.objects.get(pk=source.pk).unpublish(user=by)
    redirect = None
    if old_path:
        redirect, _created = Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(old_path),
            site=None,
            defaults={"redirect_page": target, "redirect_link": "", "is_permanent": True},
        )
    # Earlier redirects to the source would now end on a page that is gone.
    Redirect.objects.filter(redirect_page=source).update(redirect_page=target)
    ideas_merged.send(sender=IdeaPage, source=source, target=target, by=by)
    return Merge(target=IdeaPage.objects.get(pk=target.pk), redirect=redirect)


def personal_data(user) -> dict:
    """The ideas a person proposed and the votes they cast, for the account export."""
    ideas = (
        IdeaPage.objects.filter(proposed_by=user)
        .select_related("locale")
        .prefetch_related("tagged_topics__tag")
        .order_by("pk")
    )
    votes = IdeaVote.objects.filter(voter=user).select_related("idea").order_by("created_at", "pk")
    return {
        "ideas": [
            {
                "id": idea.pk,
                "title": idea.title,
                "description": idea.description,
                "topics": [tagged.tag.name for tagged in idea.tagged_topics.all()],
                "status": idea.status,
                "official_response": idea.official_response,
                "published": idea.live,
                "locale": idea.locale.language_code,
                "first_published_at": iso_timestamp(idea.first_published_at),
                "vote_count": idea.vote_count,
            }
            for idea in ideas
        ],
        "votes": [
            {"idea": vote.idea_id, "idea_title": vote.idea.title, "voted_at": iso_timestamp(vote.created_at)}
            for vote in votes
        ],
    }


def _store_sentiment(ideas: list[IdeaPage]) -> None:
    with transaction.atomic():
        IdeaPage.objects.bulk_update(ideas, ["sentiment", "sentiment_score"])
        record_change(SearchedIndex.IDEAS, [idea.pk for idea in ideas])


def rescore_sentiment(options: RescoreOptions) -> Rescored:
    """Score every stored idea again (after a lexicon or rule change); changes reach the index."""
    return rescore(
        IdeaPage.objects.select_related("locale").only(
            "pk", "title", "description", "locale__language_code", "sentiment", "sentiment_score"
        ),
        name="ideas",
        score=lambda idea: idea_sentiment(idea.title, idea.description, locale=idea.locale.language_code),
        store=_store_sentiment,
        options=options,
    )
