"""Every page type's own fields come out of both content APIs, v2 and v3."""

import pytest

from wagtail.models import Page

pytestmark = pytest.mark.django_db

#: The fields each page type adds, as a frontend reads them.
TYPE_FIELDS = {
    "home.HomePage": ["hero_title", "hero_text", "hero_image", "hero_cta_label", "hero_cta_url", "featured"],
    "blog.BlogIndexPage": ["intro"],
    "blog.BlogPage": ["intro", "hero_image", "body", "author", "topics", "published_date", "reading_time"],
    "community_groups.CommunityIndexPage": ["intro"],
    "community_groups.CommunityGroupPage": ["description", "rules", "cover_image", "topics"],
    "ideas.IdeasIndexPage": ["intro"],
    "ideas.IdeaBoardPage": ["intro", "guidelines", "cover_image", "accepts_ideas", "accepts_votes"],
    "ideas.IdeaChallengePage": [
        "question", "description", "cover_image", "reward", "collecting_starts_at",
        "collecting_ends_at", "voting_ends_at", "review_ends_at", "phase",
    ],
    "ideas.IdeaPage": [
        "description", "author_name", "author_id", "topics", "status", "official_response",
        "official_response_at", "estimated_value", "value_kind", "value_currency",
    ],
}  # fmt: skip


@pytest.mark.parametrize("page_type", sorted(TYPE_FIELDS))
def test_each_page_type_exposes_its_fields_through_v2_and_v3(client, destination, page_type):
    app_label, model_name = page_type.split(".")
    page = Page.objects.live().filter(
        content_type__app_label=app_label, content_type__model=model_name.lower()
    )
    page = page.first()
    assert page is not None, f"the destination has no {page_type}"

    v2 = client.get(f"/api/v2/pages/{page.id}/").json()
    v3 = client.get(f"/api/v3/pages/{page.id}/").json()
    for data in (v2, v3):
        assert data["meta"]["type"] == page_type
        assert set(TYPE_FIELDS[page_type]) <= set(data), set(TYPE_FIELDS[page_type]) - set(data)
        assert data["translations"][0]["id"] == page.id
    for name in TYPE_FIELDS[page_type]:
        assert v2[name] == v3[name], name  # timestamps too: both APIs write them one way
