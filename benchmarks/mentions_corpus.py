"""Search benchmark fixture: mentions from other networks, written straight to PostgreSQL with COPY.

Run against a migrated database with the project's settings (benchmarks/search_corpus.py calls it
with `--mentions`; by itself):
    python benchmarks/mentions_corpus.py [--mentions 1000000] [--seed 7]

Each row is what `POST /api/listening/mentions` would have stored for one post: a network the
endpoint accepts, the post's URL as the endpoint normalises it (distinct: it is the de-duplication
key), an author's handle, a plain text in es, en or pl made of the search vocabulary's words (so the
benchmark's free-text queries find mentions as they find comments), a heavy-tailed reach, the
sentiment scored as `store_mentions` scores it, and dates over the last year. A few authors write
much of it, as on the networks. `ingested_by` stays empty (the key is not searched). Nothing goes
through the search outbox: the benchmark indexes the mentions by rebuilding.
"""

import argparse
import random
import time
from datetime import timedelta

from search_corpus import TextMaker, _copy, _reset_sequence, _setup_django

CHUNK = 50_000
#: Where mentions come from, by share: the networks a listening tool follows most send the most.
NETWORKS = {
    "x": 22, "instagram": 18, "facebook": 14, "tiktok": 12, "reddit": 8, "youtube": 6, "news": 5,
    "linkedin": 4, "blog": 4, "forum": 3, "reviews": 3, "other": 1,
}  # fmt: skip
#: The median reach of a post is about e**mu people; the spread (sigma 2) gives the long tail of the
#: few posts that reach millions.
REACH_MU = {
    "x": 5.5, "instagram": 6.0, "facebook": 5.0, "tiktok": 7.0, "reddit": 4.5, "youtube": 7.0,
    "news": 9.0, "linkedin": 5.0, "blog": 5.0, "forum": 3.5, "reviews": 3.0, "other": 3.0,
}  # fmt: skip
REACH_SIGMA = 2.0
#: The endpoint's ceiling on reach.
REACH_MAX = 10**12
LANGUAGES = {"es": 40, "en": 35, "pl": 25}
#: An author writes in their own language, now and then in another.
OTHER_LANGUAGE_SHARE = 0.08
KINDS = {"praise": 30, "complaint": 25, "other": 20, "question": 15, "suggestion": 10}
#: Networks whose posts are short and carry hashtags, and those whose posts are articles.
SHORT_POSTS = {"x", "instagram", "tiktok"}
ARTICLES = {"news", "blog"}
#: Authors per mention: 1 in 6 mentions is by someone new; a few authors write many.
MENTIONS_PER_AUTHOR = 6
#: Sites of the networks that have no single host (hosts under the reserved .example domain).
HOSTS = {
    "news": {
        "es": ["noticias.example", "diario-moda.example"],
        "en": ["dailynews.example", "retail-week.example"],
        "pl": ["wiadomosci.example", "modny-dziennik.example"],
    },
    "blog": {"es": ["blogs.example"], "en": ["blogs.example"], "pl": ["blogi.example"]},
    "forum": {
        "es": ["foro-running.example"],
        "en": ["runners-forum.example"],
        "pl": ["forum-biegaczy.example"],
    },
    "reviews": {"es": ["opiniones.example"], "en": ["reviews.example"], "pl": ["opinie.example"]},
    "other": {"es": ["enlace.example"], "en": ["link.example"], "pl": ["link.example"]},
}
#: A post's address on each network, already in the form normalise_url gives (https, no www, no
#: trailing slash); each names the mention's number, so every URL is distinct.
URLS = {
    "x": "https://x.com/{handle}/status/{post_id}",
    "instagram": "https://instagram.com/p/{code}",
    "facebook": "https://facebook.com/{handle}/posts/{post_id}",
    "tiktok": "https://tiktok.com/@{handle}/video/{post_id}",
    "youtube": "https://youtube.com/watch?v={code}",
    "linkedin": "https://linkedin.com/posts/{handle}_activity-{post_id}",
    "reddit": "https://reddit.com/r/{subreddit}/comments/{reddit_code}",
    "news": "https://{host}/{month}/{number}",
    "blog": "https://{host}/{month}/{number}",
    "forum": "https://{host}/t/{number}",
    "reviews": "https://{host}/review/{number}",
    "other": "https://{host}/{code}",
}
SUBREDDITS = ["running", "BuyItForLife", "malefashionadvice", "Spain", "poland", "hiking", "sneakers"]
NAMES = {
    "es": ["lucia", "mateo", "carmen", "javi", "sofia", "pablo", "marta", "diego", "elena", "alba"],
    "en": ["emma", "jack", "olivia", "liam", "mia", "noah", "grace", "sam", "ruby", "leo"],
    "pl": ["ania", "marek", "kasia", "piotr", "ola", "tomek", "zosia", "kuba", "ewa", "bartek"],
}
SURNAMES = {
    "es": ["garcia", "lopez", "ruiz", "moreno", "navarro", "torres", "gil", "vega"],
    "en": ["smith", "brown", "taylor", "walker", "wright", "green", "hall", "wood"],
    "pl": ["nowak", "kowalska", "wisniewski", "lewandowska", "zielinski", "wojcik", "mazur", "krol"],
}
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _code(number: int, length: int, alphabet: str = ALPHABET) -> str:
    """A post's short code (Instagram's, YouTube's, Reddit's), distinct for each number below
    len(alphabet) ** length: multiplied by a prime that shares no factor with it, so that codes look
    scattered rather than counted."""
    number = number * (2**61 - 1) % len(alphabet) ** length
    digits = []
    for _ in range(length):
        number, digit = divmod(number, len(alphabet))
        digits.append(alphabet[digit])
    return "".join(reversed(digits))


class MentionMaker:
    """One mention's fields at a time: its author, network, text and URL."""

    def __init__(self, rng: random.Random, *, authors: int):
        self.rng = rng
        self.text = TextMaker(rng)
        self.languages, self.language_weights = list(LANGUAGES), list(LANGUAGES.values())
        self.networks, self.network_weights = list(NETWORKS), list(NETWORKS.values())
        self.kinds, self.kind_weights = list(KINDS), list(KINDS.values())
        self.authors = [self._author(number) for number in range(max(authors, 1))]

    def _author(self, number: int) -> tuple[str, str]:
        language = self.rng.choices(self.languages, self.language_weights)[0]
        name = self.rng.choice(NAMES[language])
        handle = self.rng.choice(
            (f"{name}{number}", f"{name}_{self.rng.choice(SURNAMES[language])}{number}", f"{name}.{number}")
        )
        return handle, language

    def author(self) -> tuple[str, str]:
        # Squaring a uniform draw favours the first authors: a few post often, many once or twice.
        return self.authors[int(len(self.authors) * self.rng.random() ** 2)]

    def language(self, own: str) -> str:
        if self.rng.random() < OTHER_LANGUAGE_SHARE:
            return self.rng.choice([other for other in self.languages if other != own])
        return own

    def network(self) -> str:
        return self.rng.choices(self.networks, self.network_weights)[0]

    def post(self, network: str, language: str) -> str:
        """Plain text, as listening tools send it: sentences of one kind, a hashtag on short posts."""
        kind = self.rng.choices(self.kinds, self.kind_weights)[0]
        templates = self.text.templates[language]
        sentences = self.rng.choice((3, 4, 5)) if network in ARTICLES else self.rng.choice((1, 1, 2))
        said = " ".join(
            self.text.fill(self.rng.choice(templates[kind if n == 0 else "other"]), language)
            for n in range(sentences)
        )
        if network in SHORT_POSTS and self.rng.random() < 0.5:
            said += " #" + self.rng.choice(self.rng.choice(self.text.nouns[language])).replace(" ", "")
        return said

    def url(self, number: int, network: str, handle: str, language: str, published) -> str:
        host = self.rng.choice(HOSTS[network][language]) if network in HOSTS else ""
        return URLS[network].format(
            handle=handle,
            number=number,
            post_id=1_700_000_000_000_000_000 + number,
            code=_code(number, 11),
            reddit_code=_code(number, 7, ALPHABET[:36]),  # lower case, as Reddit's ids are
            subreddit=self.rng.choice(SUBREDDITS),
            host=host,
            month=f"{published:%Y/%m}",
        )

    def handle(self, network: str, handle: str) -> str:
        """Social networks name an @handle; an article a byline, often none; a forum a user name."""
        if network in ARTICLES:
            return "" if self.rng.random() < 0.4 else handle
        if network in ("forum", "reviews", "other"):
            return handle
        return f"@{handle}"

    def reach(self, network: str) -> int:
        if self.rng.random() < 0.05:
            return 0  # the tool could not tell
        return min(int(self.rng.lognormvariate(REACH_MU[network], REACH_SIGMA)), REACH_MAX)


def make_mentions(count: int, *, rng: random.Random, progress=print) -> int:
    """COPY `count` mentions into the mentions table, ids after the last one; return how many."""
    from django.db import connection, transaction
    from django.utils import timezone

    from brand_hub.sentiment.analyser import score_text

    maker = MentionMaker(rng, authors=count // MENTIONS_PER_AUTHOR)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM mentions_mention")
        next_id = cursor.fetchone()[0] + 1
    made = 0
    started = time.monotonic()
    while made < count:
        rows = []
        for _ in range(min(CHUNK, count - made)):
            handle, own_language = maker.author()
            language = maker.language(own_language)
            network = maker.network()
            published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
            # Tools send a post minutes to hours after it appears; never after now.
            ingested = min(published + timedelta(seconds=rng.uniform(60, 6 * 3600)), now)
            said = maker.post(network, language)
            mood = score_text(said, language)  # as store_mentions stores it
            rows.append(
                (
                    next_id,
                    network,
                    maker.url(next_id, network, handle, language, published),
                    maker.handle(network, handle),
                    said,
                    language,
                    published,
                    maker.reach(network),
                    mood.label,
                    mood.score,
                    ingested,
                    None,
                )
            )
            next_id += 1
        with transaction.atomic(), connection.cursor() as cursor:
            _copy(
                cursor,
                "mentions_mention",
                "id, network, url, author_handle, text, language, published_at, reach, sentiment, "
                "sentiment_score, ingested_at, ingested_by_id",
                rows,
            )
        made += len(rows)
        rate = made / max(time.monotonic() - started, 1e-6)
        progress(f"mentions_corpus: {made:,}/{count:,} mentions ({rate:,.0f}/s)")
    with connection.cursor() as cursor:
        _reset_sequence(cursor, "mentions_mention")
        cursor.execute("ANALYZE mentions_mention")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    _setup_django()
    started = time.monotonic()
    made = make_mentions(args.mentions, rng=random.Random(args.seed))
    print(f"mentions_corpus: {made:,} mentions in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
