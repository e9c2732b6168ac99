"""The sentiment stored with a comment or an idea, scored in the language its text is written in."""

from brand_hub.community.markup import plain_text
from search.language import detect_language

from .analyser import SentimentResult, score_text


def comment_sentiment(cleaned_html: str, *, locale: str) -> SentimentResult:
    """A comment's sentiment; `locale` is its page's language, kept when the text's is unclear."""
    text = plain_text(cleaned_html)
    return score_text(text, detect_language(text, default=locale))


def idea_sentiment(title: str, description_html: str, *, locale: str) -> SentimentResult:
    text = f"{title}.\n{plain_text(description_html or '')}"
    return score_text(text, detect_language(text, default=locale))
