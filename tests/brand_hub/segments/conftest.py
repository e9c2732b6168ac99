"""Prosumers with and without marketing consent, an editor, and what each of them did in March 2026."""

import pytest
from allauth.account.models import EmailAddress

from brand_hub.ideas.models import IdeaBoardPage, IdeasIndexPage
from brand_hub.users.models import ConsentSource
from brand_hub.users.roles import EDITORS, PROSUMERS
from brand_hub.users.services import set_marketing_consent
from tests.conftest import person
from tests.factories.pages import build_community, build_home, publish


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


@pytest.fixture
def people(roles, django_user_model) -> dict:
    """Lucía and Marek consented; Ana never did; Jan consented and withdrew; Olga's account is
    deactivated; Nina consented at sign-up but never verified her address; Irma the editor
    consented, but she answers for the brand."""
    made = {
        name: person(django_user_model, name, PROSUMERS).user
        for name in ("lucia", "marek", "ana", "jan", "olga", "nina")
    }
    made["irma"] = person(django_user_model, "irma", EDITORS).user
    for name, user in made.items():
        EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=name != "nina")
    for name in ("lucia", "marek", "jan", "olga", "nina", "irma"):
        set_marketing_consent(user=made[name], granted=True, source=ConsentSource.PROFILE)
    set_marketing_consent(user=made["jan"], granted=False, source=ConsentSource.PROFILE)
    made["olga"].is_active = False
    made["olga"].save(update_fields=["is_active"])
    return made


@pytest.fixture
def consenting(people) -> set[str]:
    """Who may ever appear in an export."""
    return {"lucia", "marek"}


@pytest.fixture
def page(tree_root):
    """Where people talked and shared: one page (the demo destination would triple each set-up)."""
    return build_home(tree_root)


@pytest.fixture
def board(page):
    return publish(
        publish(page, IdeasIndexPage(title="Ideas", slug="ideas")),
        IdeaBoardPage(title="Buzón de ideas", slug="buzon"),
    )


@pytest.fixture
def group(page):
    return build_community(page)
