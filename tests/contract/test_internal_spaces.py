"""An internal challenge and group (restricted to a group of accounts) never leak to anyone else.

Every GET operation of the project API's document and of v3's, and v2's listings, are called as an
anonymous visitor and as a signed-in outsider, with the internal pages' ids in every id parameter
and a word planted in their titles, slugs, ideas and comments as the search text: no answer may
hold the word or name an internal page. Members of the group see them and take part, through the
same APIs, against PostgreSQL and Elasticsearch.
"""

import json
import re
from datetime import timedelta

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

from brand_hub.community_groups.models import CommunityGroupPage
from brand_hub.core.selectors import passed_by
from brand_hub.ideas.models import IdeaChallengePage, IdeaPage
from brand_hub.users.roles import PROSUMERS
from tests.brand_hub.community.calls import say
from tests.conftest import person
from tests.contract.conftest import session_token
from tests.factories.pages import publish
from tests.search.searching import send_and_refresh

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

#: A word no other text holds: in the internal pages' titles and slugs, their ideas and comments.
PLANTED = "zyntharox"
JSON = "application/json"
#: Streams never end; tests/brand_hub/events checks the live page stream's 404 for outsiders.
LEFT_OUT = re.compile(r"^/api/community/live/")
#: Parameters that name a page (or may): each internal page's id goes in each of them in turn.
PAGE_PARAMETERS = {
    "page_id", "group_id", "idea_id", "challenge", "board", "group", "page", "id", "child_of",
    "descendant_of", "ancestor_of", "translation_of", "document_id", "image_id", "redirect_id",
    "site_id", "segment_id", "revision_id", "type_name",
}  # fmt: skip
TEXT_PARAMETERS = {"q", "text", "search"}
#: Keys whose value is a page's id wherever they appear in an answer.
PAGE_KEYS = {"page_id", "idea_id", "group_id", "challenge_id", "board_id", "reason_page_id", "parent_id"}


@pytest.fixture
def employees(db) -> Group:
    return Group.objects.create(name="Employees")


@pytest.fixture
def member(roles, employees, django_user_model):
    client = person(django_user_model, "emilia", PROSUMERS)
    client.user.groups.add(employees)
    return client


@pytest.fixture
def colleague(roles, employees, django_user_model):
    client = person(django_user_model, "jonas", PROSUMERS)
    client.user.groups.add(employees)
    return client


@pytest.fixture
def outsider(roles, django_user_model):
    return person(django_user_model, "otto", PROSUMERS)


def restrict_to(page, group: Group) -> None:
    """As an editor does in the page's privacy setting: "Private, accessible to users in specific groups"."""
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([group])


@pytest.fixture
def internal(destination, employees, knowledge_indices, member, colleague) -> dict:
    """An internal challenge with an idea and an internal group, each discussed by members."""
    now = timezone.now()
    challenge = publish(
        destination["index"],
        IdeaChallengePage(
            title=f"Reto interno {PLANTED}",
            slug=f"reto-{PLANTED}",
            question=f"¿Cómo mejorarías el taller {PLANTED}?",
            description=f"<p>Solo para empleados {PLANTED}.</p>",
            collecting_starts_at=now - timedelta(days=1),
            collecting_ends_at=now + timedelta(days=10),
            voting_ends_at=now + timedelta(days=20),
            review_ends_at=now + timedelta(days=30),
        ),
    )
    idea = publish(
        challenge,
        IdeaPage(
            title=f"Banco de trabajo {PLANTED}",
            slug=f"banco-{PLANTED}",
            description=f"<p>Un banco de trabajo reciclado {PLANTED}.</p>",
            status="planned",
        ),
    )
    group = publish(
        destination["group"].get_parent(),
        CommunityGroupPage(title=f"Grupo interno {PLANTED}", slug=f"grupo-{PLANTED}", description="<p>x</p>"),
    )
    for page in (challenge, group):
        restrict_to(page, employees)
    follow = member.post("/api/community/follows/", {"page_id": challenge.pk}, content_type=JSON)
    assert follow.status_code == 201, follow.content
    comments = [
        say(colleague, page, f"Comentario interno {PLANTED} sobre {page.slug}")
        for page in (challenge, idea, group)
    ]
    assert [response.status_code for response in comments] == [201, 201, 201], comments[0].content
    assert colleague.post(f"/api/community/groups/{group.pk}/membership").status_code == 201
    send_and_refresh()
    return {
        "challenge": challenge,
        "idea": idea,
        "group": group,
        "ids": {challenge.pk, idea.pk, group.pk},
        "comments": [response.json()["id"] for response in comments],
    }


def get_operations(document: dict):
    for path, operations in document["paths"].items():
        if "get" in operations and not LEFT_OUT.match(path):
            yield path, operations["get"].get("parameters", [])


def calls(path: str, parameters: list[dict], internal: dict, person_id: int):
    """The operation called with each internal page's id in its id parameters, the planted word as
    its search text, and its other required parameters filled; then with the required ones alone."""
    for page_id in [*sorted(internal["ids"]), None]:
        query, url = {}, path
        for parameter in parameters:
            name, where, required = parameter["name"], parameter["in"], parameter.get("required", False)
            if name in TEXT_PARAMETERS:
                value = PLANTED
            elif name in {"user_id", "person_id", "author", "sharer"}:
                value = person_id
            elif name in PAGE_PARAMETERS:
                value = page_id if page_id is not None else (1 if required else None)
            elif name == "locale":
                value = "es"
            elif name == "html_path":
                value = f"/es/ideas/reto-{PLANTED}/"
            elif required:
                value = "x"
            else:
                value = None
            if value is None:
                continue
            if where == "path":
                url = url.replace("{" + name + "}", str(value))
            else:
                query[name] = value
        yield url, query


def leaks(response, internal: dict) -> list[str]:
    """What in the answer names an internal page: the planted word, or an internal page's id under a
    key that holds page ids (or as the id of an object with a title or URL)."""
    text = response.content.decode(errors="replace")
    found = [f"the word {PLANTED}"] if PLANTED in text.lower() else []
    if response.get("Content-Type", "").startswith("application/json"):

        def walk(value):
            if isinstance(value, dict):
                for key, item in value.items():
                    named_page = key in PAGE_KEYS or (key == "id" and ({"title", "url"} & value.keys()))
                    if named_page and item in internal["ids"]:
                        found.append(f"{key}={item}")
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(json.loads(text or "null"))
    return found


def walk_every_operation(client, internal: dict, person_id: int) -> list[str]:
    """Every GET operation of the project and v3 documents, and v2's listings and details."""
    documents = [Client().get("/api/schema/").json(), Client().get("/api/v3/openapi.json").json()]
    problems, called = [], 0
    for document in documents:
        for path, parameters in get_operations(document):
            for url, query in calls(path, parameters, internal, person_id):
                response = client.get(url, query)
                called += 1
                if response.status_code >= 500:
                    problems.append(f"{url} {query}: {response.status_code}")
                problems += [f"{url} {query}: {leak}" for leak in leaks(response, internal)]
    v2 = [("/api/v2/pages/", {"fields": "*", "search": PLANTED}), ("/api/v2/pages/", {"limit": 20})]
    for page_type in ("ideas.IdeaChallengePage", "ideas.IdeaPage", "community_groups.CommunityGroupPage"):
        v2.append(("/api/v2/pages/", {"type": page_type, "fields": "*"}))
    for page_id in internal["ids"]:
        v2 += [(f"/api/v2/pages/{page_id}/", {}), ("/api/v2/pages/", {"child_of": page_id})]
    v2.append(("/api/v2/pages/find/", {"html_path": internal["challenge"].url or "/"}))
    for url, query in v2:
        response = client.get(url, query, follow=True)
        called += 1
        problems += [f"{url} {query}: {leak}" for leak in leaks(response, internal)]
    assert called > 100  # the documents were read and walked
    return problems


def test_no_get_operation_shows_an_internal_space_to_an_anonymous_visitor(internal, colleague):
    assert walk_every_operation(Client(), internal, colleague.user.pk) == []


def test_no_get_operation_shows_an_internal_space_to_a_signed_in_outsider(internal, colleague, outsider):
    assert walk_every_operation(outsider, internal, colleague.user.pk) == []


def test_an_outsider_cannot_take_part_in_an_internal_space(internal, outsider):
    challenge, idea, group = internal["challenge"], internal["idea"], internal["group"]

    assert say(outsider, challenge, "Hola").status_code == 404
    assert outsider.post(f"/api/community/ideas/{idea.pk}/vote").status_code == 404
    assert outsider.post(f"/api/community/groups/{group.pk}/membership").status_code == 404
    assert (
        outsider.post("/api/community/follows/", {"page_id": group.pk}, content_type=JSON).status_code == 404
    )
    proposal = {"parent": challenge.pk, "title": "Una idea de fuera", "description": "Texto"}
    refused = outsider.post("/api/community/ideas/", proposal, content_type=JSON)
    assert refused.status_code == 400 and refused.json()["errors"][0]["field"] == "parent"
    assert outsider.get(f"/api/community/live/pages/{challenge.pk}").status_code == 404
    for comment_id in internal["comments"]:
        like = outsider.put(
            f"/api/community/comments/{comment_id}/reaction", {"value": "like"}, content_type=JSON
        )
        assert like.status_code == 404
        flag = outsider.post(
            f"/api/community/comments/{comment_id}/flags", {"reason": "spam"}, content_type=JSON
        )
        assert flag.status_code == 404
    assert IdeaPage.objects.child_of(challenge).count() == 1


def test_members_see_the_internal_spaces_everywhere_they_belong(internal, member, colleague):
    challenge, idea, group = internal["challenge"], internal["idea"], internal["group"]

    def answer(url, **query) -> dict | list:
        response = member.get(url, query)
        assert response.status_code == 200, (url, response.content)
        return response.json()

    threads = answer("/api/community/comments/", page_id=challenge.pk)
    assert [thread["html"] for thread in threads["items"]] == [
        f"<p>Comentario interno {PLANTED} sobre {challenge.slug}</p>"
    ]
    assert [item["id"] for item in answer("/api/community/ideas/", challenge=challenge.pk)["items"]] == [
        idea.pk
    ]
    answer(f"/api/community/ideas/{idea.pk}/history")
    assert answer(f"/api/community/groups/{group.pk}/")["member_count"] == 1
    feed = answer("/api/community/feed")["items"]
    assert challenge.pk in {item["page"]["id"] for item in feed}
    comments = answer("/api/search/comments", q=PLANTED)
    assert {item["page"]["id"] for item in comments["items"]} == internal["ids"]
    assert [item["id"] for item in answer("/api/search/ideas", q=PLANTED)["items"]] == [idea.pk]
    assert idea.pk in {
        item["id"] for item in answer("/api/search/ideas/similar", text=f"banco de trabajo {PLANTED}")
    }
    assert answer("/api/search", q=PLANTED)["count"] == 4  # three comments and the idea
    assert answer(f"/api/v2/pages/{challenge.pk}/")["title"] == challenge.title
    assert answer(f"/api/v3/pages/{challenge.pk}/")["title"] == challenge.title
    listed = {item["id"] for item in answer("/api/v3/pages/", search=PLANTED)["items"]}
    assert listed == internal["ids"]
    assert challenge.pk in {item["id"] for item in answer("/api/v3/page-cards/", limit=100)["items"]}
    found = member.get("/api/v3/pages/find/", {"html_path": challenge.url}, follow=True)
    assert found.status_code == 200 and found.json()["id"] == challenge.pk
    # Never from, nor into, a shared cache: the answer is this member's.
    for url in (f"/api/v2/pages/{challenge.pk}/", f"/api/v3/pages/{challenge.pk}/"):
        detail = member.get(url)
        assert "private" in detail["Cache-Control"] and "public" not in detail["Cache-Control"], url
        assert not detail.has_header("ETag"), url


def test_apps_read_the_internal_spaces_of_their_member_with_the_session_token(internal, member, outsider):
    challenge = internal["challenge"]

    def app_reads(client) -> int:
        token = session_token(client.user)
        response = Client().get(f"/api/v3/pages/{challenge.pk}/", HTTP_X_SESSION_TOKEN=token)
        if response.status_code == 200:
            assert "private" in response["Cache-Control"] and not response.has_header("ETag")
        return response.status_code

    assert app_reads(member) == 200
    assert app_reads(outsider) == 404
    unknown = Client().get(f"/api/v3/pages/{challenge.pk}/", HTTP_X_SESSION_TOKEN="not-a-token")
    assert unknown.status_code == 404
    # A public answer says which credentials would change it, for caches between the API and readers.
    public_answer = Client().get("/api/v3/page-cards/", {"child_of": challenge.get_parent().pk})
    assert {"accept", "cookie", "x-session-token"} <= {
        name.strip().lower() for name in public_answer["Vary"].split(",")
    }
    # Public pages read the same for everyone, signed in or not.
    public = internal["challenge"].get_parent()
    assert Client().get(f"/api/v3/pages/{public.pk}/").status_code == 200
    assert outsider.get(f"/api/v3/pages/{public.pk}/").status_code == 200


def test_members_take_part_through_the_same_apis(internal, member):
    challenge, idea, group = internal["challenge"], internal["idea"], internal["group"]

    assert say(member, challenge, "Me apunto").status_code == 201
    reaction = f"/api/community/comments/{internal['comments'][0]}/reaction"
    assert member.put(reaction, {"value": "like"}, content_type=JSON).status_code == 200
    assert member.post(f"/api/community/ideas/{idea.pk}/vote").json()["vote_count"] == 1
    assert member.post(f"/api/community/groups/{group.pk}/membership").status_code == 201
    proposal = {
        "parent": challenge.pk,
        "title": "Herramientas compartidas",
        "description": "Un armario común.",
    }
    proposed = member.post("/api/community/ideas/", proposal, content_type=JSON)
    assert proposed.status_code == 201, proposed.content
    assert IdeaPage.objects.child_of(challenge).count() == 2


def test_an_anonymous_reader_passes_no_restriction_without_a_query(internal, django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    with django_assert_num_queries(0):
        assert passed_by(None) == [] and passed_by(AnonymousUser()) == []


def test_editors_restrict_challenges_and_groups_to_groups_in_the_page_privacy_setting(
    internal, destination, django_user_model
):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "pw-root-12345")
    client = Client()
    client.force_login(admin)

    for page in (destination["challenge"], destination["group"]):
        form = client.get(f"/admin/pages/{page.pk}/privacy/")
        assert form.status_code == 200
        html = form.json()["html"]  # the privacy modal
        assert 'value="groups"' in html and "Employees" in html


def test_someone_who_leaves_the_group_hears_no_more_of_the_internal_space(
    internal, member, colleague, employees
):
    def notified() -> int:
        return member.get("/api/community/notifications/").json()["count"]

    before = notified()
    assert say(colleague, internal["challenge"], "Primera").status_code == 201
    assert notified() == before + 1

    member.user.groups.remove(employees)
    assert say(colleague, internal["challenge"], f"Segunda {PLANTED}").status_code == 201

    assert notified() == before + 1
    assert member.get("/api/community/follows/").json()["items"] == []
    assert leaks(member.get("/api/community/feed"), internal) == []


def test_a_page_that_asks_only_to_be_signed_in_reads_alike_in_v2_and_v3(destination, outsider):
    board = destination["board"]
    PageViewRestriction.objects.create(page=board, restriction_type=PageViewRestriction.LOGIN)
    token = session_token(outsider.user)
    assert Client().get(f"/api/v3/pages/{board.pk}/").status_code == 404
    assert Client().get(f"/api/v2/pages/{board.pk}/").status_code == 404
    assert outsider.get(f"/api/v2/pages/{board.pk}/").status_code == 200
    assert outsider.get(f"/api/v3/pages/{board.pk}/").status_code == 200
    assert Client().get(f"/api/v3/pages/{board.pk}/", HTTP_X_SESSION_TOKEN=token).status_code == 200
