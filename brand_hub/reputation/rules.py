"""What earns reputation and what each badge asks: the public rules a profile's breakdown explains.

Only outcomes count, never activity: the brand planned or implemented the person's idea, an idea the
brand took up answers the person's complaint or question, a member the person's share brought in
took part. Points per outcome and badge thresholds are fixed here so that a breakdown always reads
the same rules as the score.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from brand_hub.ideas.models import IdeaStatus

#: An idea is an outcome once the brand plans it; in progress is still planned.
PLANNED_STATUSES = (IdeaStatus.PLANNED, IdeaStatus.IN_PROGRESS)
OUTCOME_STATUSES = (*PLANNED_STATUSES, IdeaStatus.IMPLEMENTED)


@dataclass(frozen=True)
class Component:
    """One kind of outcome: its stored count's name, what the public reads, and its points each."""

    name: str
    label: Promise
    points_each: int


COMPONENTS = (
    Component("ideas_planned", _("Ideas of theirs the brand plans"), 10),
    Component("ideas_implemented", _("Ideas of theirs the brand implemented"), 25),
    Component("answers_by_ideas", _("Complaints and questions of theirs an idea taken up answers"), 5),
    Component("referred_contributors", _("Members they brought who took part"), 5),
)


@dataclass(frozen=True)
class Badge:
    """Earned when `component` (a count, or "score") reaches `threshold`."""

    code: str
    label: Promise
    description: Promise
    component: str
    threshold: int


BADGES = (
    Badge("heard", _("Heard"), _("An idea of theirs is planned or implemented"), "ideas", 1),
    Badge("co_creator", _("Co-creator"), _("Three ideas of theirs implemented"), "ideas_implemented", 3),
    Badge(
        "problem_solver",
        _("Problem solver"),
        _("Three complaints or questions of theirs answered by ideas taken up"),
        "answers_by_ideas",
        3,
    ),
    Badge(
        "ambassador", _("Ambassador"), _("Three members they brought took part"), "referred_contributors", 3
    ),
    Badge("trailblazer", _("Trailblazer"), _("A reputation of 100 points"), "score", 100),
)


def score_of(counts: dict[str, int]) -> int:
    return sum(counts.get(component.name, 0) * component.points_each for component in COMPONENTS)


def badges_of(counts: dict[str, int]) -> list[str]:
    """The codes of the badges the counts earn, in the order of BADGES."""
    reached = {
        **counts,
        "ideas": counts.get("ideas_planned", 0) + counts.get("ideas_implemented", 0),
        "score": score_of(counts),
    }
    return [badge.code for badge in BADGES if reached.get(badge.component, 0) >= badge.threshold]
