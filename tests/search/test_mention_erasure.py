"""Erasing mentions on request: gone from the database and the index, and refused when sent again."""

import pytest

from django.core.management import call_command

from brand_hub.mentions.models import Mention
from brand_hub.users.roles import EDITORS
from search.client import get_client
from search.indices.mentions import MENTIONS
from tests.brand_hub.mentions import conftest as listening
from tests.brand_hub.mentions.conftest import mention, send
from tests.conftest import person

from .searching import send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]
listening_tool = listening.listening_tool


@pytest.fixture
def editor_in_admin(roles, django_user_model):
    return person(django_user_model, "irene", EDITORS)


def indexed_urls() -> set[str]:
    get_client().indices.refresh(index=MENTIONS.alias_name())
    hits = get_client().search(index=MENTIONS.alias_name(), size=100)["hits"]["hits"]
    return {hit["_source"]["url"] for hit in hits}


@pytest.fixture
def three_authors(index_prefix, listening_tool):
    send(
        listening_tool,
        [
            mention(1, author_handle="@ana_b"),
            mention(2, author_handle="ANA_B", network="instagram", url="https://instagram.com/p/1"),
            mention(3, author_handle="@marek"),
            mention(4, author_handle="@tom"),
        ],
    )
    send_and_refresh()
    assert len(indexed_urls()) == 4


def test_an_editor_erases_an_author_everywhere_in_the_admin(three_authors, editor_in_admin, listening_tool):
    response = editor_in_admin.post(
        "/admin/mentions/erase/", {"handles": "ana_b\n", "urls": "", "network": ""}
    )

    assert response.status_code == 302
    send_and_refresh()
    assert indexed_urls() == {"https://x.com/someone/status/3", "https://x.com/someone/status/4"}
    assert set(Mention.objects.values_list("author_handle", flat=True)) == {"@marek", "@tom"}

    again = send(listening_tool, [mention(1, author_handle="@ana_b"), mention(9, author_handle="@Ana_B")])
    assert again.status_code == 400
    assert [error["field"] for error in again.json()["errors"]] == ["items[0].url", "items[1].url"]


def test_the_command_erases_by_url_and_by_author_on_one_network(three_authors, listening_tool):
    call_command(
        "mentions_erase",
        "--url",
        "https://www.x.com/someone/status/3/",
        "--handle",
        "@tom",
        "--network",
        "instagram",
    )
    send_and_refresh()

    assert indexed_urls() == {
        "https://x.com/someone/status/1",
        "https://instagram.com/p/1",
        "https://x.com/someone/status/4",  # @tom on x: only instagram was named
    }
    assert send(listening_tool, [mention(3, author_handle="@marek")]).status_code == 400
