"""What the account export gets from ideas, and what stays when an account goes."""

import json

from brand_hub.headless.timestamps import iso_timestamp
from brand_hub.ideas import services
from brand_hub.ideas.models import IdeaPage, IdeaVote

from .helpers import published_idea


def test_personal_data_lists_my_ideas_and_votes_as_json(prosumer, editor, ideas):
    mine = published_idea(parent=ideas["board"], author=prosumer, editor=editor, topics=["reciclaje"])
    draft = services.submit_idea(
        author=prosumer, parent=ideas["board"], title="Todavía en revisión", description="x", topics=[]
    )
    services.cast_vote(idea=ideas["idea"], voter=prosumer)

    data = json.loads(json.dumps(services.personal_data(prosumer)))

    assert [(idea["id"], idea["published"]) for idea in data["ideas"]] == [(mine.pk, True), (draft.pk, False)]
    assert data["ideas"][0]["topics"] == ["reciclaje"]
    assert data["votes"] == [
        {
            "idea": ideas["idea"].pk,
            "idea_title": ideas["idea"].title,
            "voted_at": iso_timestamp(IdeaVote.objects.get(voter=prosumer).created_at),
        }
    ]


def test_ideas_and_votes_stay_when_their_author_deletes_the_account(prosumer, other_prosumer, editor, ideas):
    idea = published_idea(parent=ideas["board"], author=prosumer, editor=editor)
    services.cast_vote(idea=idea, voter=prosumer)
    services.cast_vote(idea=idea, voter=other_prosumer)

    prosumer.delete()

    idea = IdeaPage.objects.get(pk=idea.pk)
    assert idea.live and idea.proposed_by is None and idea.owner is None
    assert idea.vote_count == IdeaVote.objects.filter(idea=idea).count() == 2
