"""An administrator who reads the audit log, and the entries of one action."""

import pytest

from wagtail.models import Site
from wagtail.users.models import UserProfile

from brand_hub.audit.models import AuditLogEntry
from brand_hub.users.roles import ADMINISTRATORS, EDITORS
from tests.conftest import person
from tests.factories.pages import build_blog, build_home


@pytest.fixture
def administrator(roles, django_user_model):
    """Ada reads the admin in English (the admin's language is each person's own)."""
    client = person(django_user_model, "ada", ADMINISTRATORS)
    profile = UserProfile.get_for_user(client.user)
    profile.preferred_language = "en"
    profile.save()
    return client


@pytest.fixture
def editor(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


@pytest.fixture
def home(tree_root):
    """A home without images: the demo destination would triple each set-up."""
    home = build_home(tree_root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    Site.clear_site_root_paths_cache()
    return home


@pytest.fixture
def post(home):
    """The blog post people talk on."""
    return build_blog(home, posts=1)[0]


def entries(action: str, **filters) -> list[AuditLogEntry]:
    return list(AuditLogEntry.objects.filter(action=action, **filters).order_by("timestamp", "pk"))


def only_entry(action: str, **filters) -> AuditLogEntry:
    found = entries(action, **filters)
    assert len(found) == 1, [(entry.action, entry.data) for entry in found]
    return found[0]
