"""Changes to a prosumer's profile that reach beyond the account row."""

from django.db import transaction

from brand_hub.community.models import CommunityComment
from brand_hub.headless.models import ContentGeneration
from brand_hub.ideas.models import IdeaPage
from search.models import SearchedIndex
from search.outbox import record_change


@transaction.atomic
def update_profile(*, user, changes: dict):
    """Apply profile changes; a new display name shows at once on the person's comments and ideas."""
    for name, value in changes.items():
        setattr(user, name, value)
    if changes:
        user.save(update_fields=list(changes))
    if "display_name" in changes:
        CommunityComment.objects.filter(user=user).update(user_name=user.display_name)
        record_change(
            SearchedIndex.COMMENTS, CommunityComment.objects.filter(user=user).values_list("pk", flat=True)
        )
        record_change(
            SearchedIndex.IDEAS, IdeaPage.objects.filter(proposed_by=user).values_list("pk", flat=True)
        )
        ContentGeneration.bump()  # cached API pages show authors' names
    return user
