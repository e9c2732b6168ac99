"""Prosumers with and without marketing consent, an editor, and what each of them did in March 2026."""

import pytest

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
    deactivated; Irma the editor consented, but she answers for the brand."""
    made = {
        name: person(django_user_model, name, PROSUMERS).user
        for name in ("lucia", "marek", "ana", "jan", "olga")
    }
    made["irma"] = person(django_user_model, "irma", EDITORS).user
    for name in ("lucia", "marek", "jan", "olga", "irma"):
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
def places(tree_root) -> dict:
    """Where people talked, proposed and shared: a home page, a group and an ideas board, no more
    (the whole demo destination would triple each test's set-up)."""
    home = build_home(tree_root)
    index = publish(home, IdeasIndexPage(title="Ideas", slug="ideas"))
    return {
        "home": home,
        "group": build_community(home),
        "board": publish(index, IdeaBoardPage(title="Buzón de ideas", slug="buzon")),
    }
