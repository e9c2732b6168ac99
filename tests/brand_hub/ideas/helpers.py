"""Ideas made the way the product makes them: submitted by a prosumer, approved in moderation."""

from django.test import Client

from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage


def approve(idea: IdeaPage, editor) -> IdeaPage:
    """What an editor's "Approve" in Wagtail's workflow screen does."""
    state = idea.current_workflow_state
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    return IdeaPage.objects.get(pk=idea.pk)


def published_idea(*, parent, author, editor, title: str = "Cordones reciclados", topics=()) -> IdeaPage:
    idea = services.submit_idea(
        author=author, parent=parent, title=title, description="Hechos de botellas.", topics=list(topics)
    )
    return approve(idea, editor)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def make_person(django_user_model, roles, name: str, role: str):
    person = django_user_model.objects.create_user(
        name.lower(), f"{name.lower()}@example.com", f"pw-{name}-12345", display_name=name
    )
    person.groups.add(roles[role])
    return person
