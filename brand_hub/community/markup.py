"""Comment text: a small safe subset of HTML kept on the way in, everything else dropped or escaped."""

import html
import re

import nh3

#: What a prosumer may use: emphasis, links, line breaks, short lists and inline code.
ALLOWED_TAGS = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "code", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

BLANK_LINES = re.compile(r"\n\s*\n")
LOOKS_LIKE_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def clean_comment_html(text: str) -> str:
    """Sanitise what a person typed: allowed tags stay, scripts and handlers disappear entirely.

    Plain text is wrapped into paragraphs and line breaks; links get rel="nofollow ugc noopener".
    """
    text = text.replace("\r\n", "\n").strip()
    if not LOOKS_LIKE_MARKUP.search(text):
        paragraphs = [html.escape(part).replace("\n", "<br>") for part in BLANK_LINES.split(text)]
        text = "".join(f"<p>{part}</p>" for part in paragraphs if part.strip())
    return sanitised(text)


def sanitised(markup: str) -> str:
    """Markup cut down to the allowed subset. Stored comments go through it again on the way out: it
    never escapes twice, where clean_comment_html would take a cleaned text with no tag left
    (`Tom &amp; Jerry`) for plain text and escape its entities once more."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        clean_content_tags={"script", "style"},
        strip_comments=True,
    )


def plain_text(cleaned_html: str) -> str:
    """The words of a cleaned comment, for search, notifications and the blocklist."""
    with_breaks = re.sub(r"</(p|li|blockquote)>|<br\s*/?>", "\n", cleaned_html)
    return html.unescape(nh3.clean(with_breaks, tags=set())).strip()


HREF = re.compile(r'<a\s[^>]*href="([^"]*)"')
BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", flags=re.IGNORECASE)


def link_count(cleaned_html: str) -> int:
    """How many different addresses a cleaned comment points at: its links and the addresses written
    as text (a link showing its own address counts once)."""
    addresses = set(HREF.findall(cleaned_html)) | set(BARE_URL.findall(plain_text(cleaned_html)))
    return len({address.rstrip(".,;:!?)").removesuffix("/") for address in addresses})
