"""The triage screener of CONTRIBUTION_SCREENERS: holds a comment whose spam or abuse score is too high."""

from django.conf import settings

from brand_hub.community.screening import Contribution, Hold

from .scoring import Scores, score

#: hold_detail's length on the comment.
DETAIL_LENGTH = 300


def hold_detail(reason: str, scores: Scores) -> str:
    """What moderators read beside the reason: the score, its threshold and the signals that fired."""
    value = scores.spam if reason == "spam" else scores.abuse
    threshold = settings.TRIAGE_SPAM_THRESHOLD if reason == "spam" else settings.TRIAGE_ABUSE_THRESHOLD
    detail = f"{reason} {value:.2f} (threshold {threshold:.2f}): {'; '.join(scores.signals)}"
    return detail if len(detail) <= DETAIL_LENGTH else detail[: DETAIL_LENGTH - 1] + "…"


def reason_for(scores: Scores) -> str:
    """ "abuse", "spam" or "": abuse first when both reach their thresholds, as the graver one."""
    abuse = scores.abuse >= settings.TRIAGE_ABUSE_THRESHOLD
    spam = scores.spam >= settings.TRIAGE_SPAM_THRESHOLD
    if abuse and (not spam or scores.abuse >= scores.spam):
        return "abuse"
    return "spam" if spam else ""


def triage_screener(contribution: Contribution) -> Hold | None:
    scores = score(contribution.text, contribution.language)
    reason = reason_for(scores)
    return Hold(reason, hold_detail(reason, scores)) if reason else None
