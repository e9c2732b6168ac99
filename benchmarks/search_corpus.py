"""Search benchmark fixture: a large multilingual corpus of comments and ideas written straight to PostgreSQL.

Run against a seeded database (`manage.py seed_demo`) with the project's settings:
    python benchmarks/search_corpus.py [--comments 1000000] [--ideas 50000] [--mentions 0] [--seed 7]

Comments are threads (a root and its replies, up to xtd's depth limit) in es, en and pl on the
seeded pages that carry a discussion, of every kind, spread over the last year. CommunityComment
sits on three tables (multi-table inheritance: django_comments, then xtd's, then ours), which
bulk_create refuses, so each table is filled with COPY and ids chosen here. Ideas are Wagtail pages
appended under the seeded boards and challenges with treebeard paths computed here (Page rows
through bulk_create with explicit ids, then the IdeaPage rows) rather than 50,000 `add_child` calls.
Mentions from other networks (issue 19: the search beside them) are written by
benchmarks/mentions_corpus.py, with COPY as well. Nothing goes through the search outbox: the
benchmark indexes the corpus by rebuilding.
"""

import argparse
import os
import random
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

KINDS = ["question", "complaint", "suggestion", "praise", "other"]
KIND_WEIGHTS = [25, 20, 20, 20, 15]
LANGUAGES = ("es", "en", "pl")
#: Share of comments written in another language than their page's (language detection's work).
FOREIGN_LANGUAGE_SHARE = 0.07
CHUNK = 50_000


@dataclass(frozen=True)
class CommentMix:
    """How a corpus's comments are spread over pages, kinds and resolutions."""

    #: Kind weights of a thread's first comment, and of its replies.
    root_kinds: dict[str, int] = field(default_factory=lambda: dict(zip(KINDS, KIND_WEIGHTS, strict=True)))
    reply_kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 1) | {"other": 2})
    #: Share of questions and complaints resolved, 1 hour to 10 days after they were written.
    resolved_share: float = 0.3
    #: How many ideas carry a discussion (picked evenly along the tree), and the share of threads on
    #: them; None spreads the threads evenly over all the pages that carry a discussion.
    ideas_discussed: int = 24
    idea_thread_share: float | None = None
    #: Idea statuses and their weights; None makes every status as likely.
    idea_statuses: dict[str, int] | None = None


SEARCH_MIX = CommentMix()


class TextMaker:
    """Sentences from templates, filled with a random inflected form of each word."""

    def __init__(self, rng: random.Random):
        from search_vocabulary import ADJECTIVES, NOUNS, TEMPLATES, TIMES, VERBS, word_forms

        self.rng = rng
        self.nouns = word_forms(NOUNS)
        self.adjectives = word_forms(ADJECTIVES)
        self.verbs = word_forms(VERBS)
        self.templates = TEMPLATES
        self.times = TIMES

    def _form(self, lemmas: list[list[str]]) -> str:
        return self.rng.choice(self.rng.choice(lemmas))

    def fill(self, template: str, language: str) -> str:
        text = template.format(
            n=self._form(self.nouns[language]),
            n2=self._form(self.nouns[language]),
            a=self._form(self.adjectives[language]),
            v=self._form(self.verbs[language]),
            t=self.rng.choice(self.times[language]),
        )
        return text[0].upper() + text[1:]

    def comment(self, language: str, kind: str) -> str:
        sentences = [
            self.fill(self.rng.choice(self.templates[language][kind if n == 0 else "other"]), language)
            for n in range(self.rng.choice((1, 1, 2, 2, 3)))
        ]
        return "<p>" + " ".join(sentences) + "</p>"


def _setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()


def _discussed_pages(ideas_discussed: int = 24) -> tuple[list[tuple], list[tuple]]:
    """(other pages, ideas) that carry a discussion, each as (id, content type id, language):
    every group, challenge and post, and `ideas_discussed` ideas spread along the tree."""
    from django.db.models import Q

    from wagtail.models import Page

    from brand_hub.community.comments import COMMENTABLE_TYPES

    commentable = Q()
    for label in COMMENTABLE_TYPES:
        app_label, model = label.split(".")
        commentable |= Q(content_type__app_label=app_label, content_type__model=model)
    rows = (
        Page.objects.live()
        .filter(commentable)
        .order_by("path")
        .values_list("pk", "content_type_id", "locale__language_code", "content_type__model")
    )
    ideas = [row[:3] for row in rows if row[3] == "ideapage"]
    others = [row[:3] for row in rows if row[3] != "ideapage"]
    return others, ideas[:: max(1, len(ideas) // max(ideas_discussed, 1))][:ideas_discussed]


def _targets(ideas_discussed: int = 24) -> list[tuple]:
    """The pages that carry a discussion, with their content type and locale."""
    others, ideas = _discussed_pages(ideas_discussed)
    return others + ideas


def _reset_sequence(cursor, table: str) -> None:
    cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def make_comments(count: int, *, rng: random.Random, mix: CommentMix = SEARCH_MIX, progress=print) -> int:
    """COPY `count` comments, in threads, into the three comment tables; return how many."""
    from django.conf import settings
    from django.db import connection, transaction
    from django.utils import timezone

    from brand_hub.sentiment.analyser import score_text
    from brand_hub.users.models import User

    text = TextMaker(rng)
    others, ideas = _discussed_pages(mix.ideas_discussed)

    def target() -> tuple:
        if mix.idea_thread_share is None or not ideas:
            return rng.choice(others + ideas)
        return rng.choice(ideas if rng.random() < mix.idea_thread_share else others)

    root_kinds, root_weights = list(mix.root_kinds), list(mix.root_kinds.values())
    reply_kinds, reply_weights = list(mix.reply_kinds), list(mix.reply_kinds.values())
    users = [
        (user.pk, (user.display_name or user.get_username())[:50], user.email)
        for user in User.objects.order_by("pk")
    ]
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM django_comments")
        next_id = cursor.fetchone()[0] + 1
    made = 0
    started = time.monotonic()
    while made < count:
        base, xtd, ours = [], [], []
        while len(base) < min(CHUNK, count - made):
            page_id, content_type_id, page_language = target()
            root_date = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
            # 45 % stand alone; the rest gather replies, a few threads grow long.
            replies = 0 if rng.random() < 0.45 else min(int(rng.expovariate(1 / 3)) + 1, 30)
            replies = min(replies, count - made - len(base) - 1)
            thread: list[dict] = []
            for n in range(replies + 1):
                comment_id = next_id
                next_id += 1
                if n == 0:
                    parent = None
                else:
                    candidates = [c for c in thread[-4:] if c["level"] < max_level]
                    parent = thread[0] if rng.random() < 0.6 else rng.choice(candidates or thread[:1])
                level = parent["level"] + 1 if parent else 0
                node = {"id": comment_id, "level": level, "parent": parent, "descendants": 0}
                thread.append(node)
                ancestor = parent
                while ancestor is not None:
                    ancestor["descendants"] += 1
                    ancestor = ancestor["parent"]
                language = page_language
                if rng.random() < FOREIGN_LANGUAGE_SHARE:
                    language = rng.choice([other for other in LANGUAGES if other != page_language])
                kind = (
                    rng.choices(root_kinds, root_weights)[0]
                    if n == 0
                    else rng.choices(reply_kinds, reply_weights)[0]
                )
                # Replies come later, but not after now.
                submitted = min(root_date + timedelta(seconds=n * rng.uniform(60, 86400)), now)
                state = rng.choices(("published", "held", "removed"), (96, 3, 1))[0]
                resolved = (
                    submitted + timedelta(hours=rng.uniform(1, 240))
                    if kind in ("question", "complaint") and rng.random() < mix.resolved_share
                    else None
                )
                if resolved is not None and resolved > now:
                    resolved = None
                user_id, user_name, email = rng.choice(users)
                said = text.comment(language, kind)
                mood = score_text(said, language)  # as post_comment stores it
                base.append(
                    (
                        comment_id,
                        str(page_id),
                        user_name,
                        email,
                        "",
                        said,
                        submitted,
                        None,
                        state == "published",
                        state == "removed",
                        content_type_id,
                        settings.SITE_ID,
                        user_id,
                    )
                )
                node["xtd"] = [comment_id, thread[0]["id"], parent["id"] if parent else comment_id, level]
                # The comment keeps its page's language, as post_comment does; the text may differ.
                ours.append(
                    (
                        comment_id,
                        page_language,
                        kind,
                        state,
                        "blocklist" if state == "held" else "",
                        submitted + timedelta(hours=2) if state != "published" else None,
                        resolved,
                        None,
                        int(rng.expovariate(1 / 2)),
                        int(rng.expovariate(1 / 0.5)),
                        0,
                        False,
                        False,
                        None,
                        page_id,
                        None,
                        mood.label,
                        mood.score,
                        False,
                        "",
                    )
                )
            for order, node in enumerate(thread, start=1):
                xtd.append((*node["xtd"], order, False, node["descendants"]))
        with transaction.atomic(), connection.cursor() as cursor:
            _copy(
                cursor,
                "django_comments",
                "id, object_pk, user_name, user_email, user_url, comment, submit_date, ip_address, "
                "is_public, is_removed, content_type_id, site_id, user_id",
                base,
            )
            _copy(
                cursor,
                "django_comments_xtd_xtdcomment",
                'comment_ptr_id, thread_id, parent_id, level, "order", followup, nested_count',
                xtd,
            )
            _copy(
                cursor,
                "community_communitycomment",
                "xtdcomment_ptr_id, language, kind, state, hold_reason, moderated_at, resolved_at, "
                "edited_at, like_count, dislike_count, flag_count, pinned, locked, moderated_by_id, "
                "page_id, resolved_by_id, sentiment, sentiment_score, resolved_by_idea, hold_detail",
                ours,
            )
        made += len(base)
        rate = made / max(time.monotonic() - started, 1e-6)
        progress(f"search_corpus: {made:,}/{count:,} comments ({rate:,.0f}/s)")
    with connection.cursor() as cursor:
        _reset_sequence(cursor, "django_comments")
        cursor.execute(
            "ANALYZE django_comments; ANALYZE django_comments_xtd_xtdcomment; "
            "ANALYZE community_communitycomment"
        )
    return made


def _copy(cursor, table: str, columns: str, rows: list[tuple]) -> None:
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def make_ideas(count: int, *, rng: random.Random, mix: CommentMix = SEARCH_MIX, progress=print) -> int:
    """Append `count` live ideas under the seeded boards and challenges; return how many.

    Implemented ideas carry an estimated value (savings or revenue) most of the time."""
    from search_vocabulary import IDEA_TITLES, TOPICS
    from taggit.models import Tag

    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import F
    from django.utils import timezone
    from django.utils.text import slugify

    from wagtail.models import Page

    from brand_hub.ideas.models import IdeaBoardPage, IdeaChallengePage, IdeaPage, IdeaStatus, IdeaTopic
    from brand_hub.sentiment.analyser import score_text
    from brand_hub.users.models import User

    text = TextMaker(rng)
    parents = list(IdeaBoardPage.objects.select_related("locale")) + list(
        IdeaChallengePage.objects.select_related("locale")
    )
    if not parents:
        raise SystemExit("search_corpus: no idea boards or challenges; did seed_demo run?")
    content_type_id = ContentType.objects.get_for_model(IdeaPage).pk
    owner_ids = list(User.objects.values_list("pk", flat=True))
    tags = [Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TOPICS]
    statuses = mix.idea_statuses or dict.fromkeys(IdeaStatus.values, 1)
    status_names, status_weights = list(statuses), list(statuses.values())
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM wagtailcore_page")
        next_id = cursor.fetchone()[0] + 1
    # Next free step under each parent: after its last child.
    next_step = {}
    for parent in parents:
        last = (
            Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            .order_by("-path")
            .first()
        )
        next_step[parent.pk] = (int(last.path[-Page.steplen :], 36) if last else 0) + 1
    made = 0
    started = time.monotonic()
    while made < count:
        batch, topics, added = [], [], dict.fromkeys(next_step, 0)
        for _ in range(min(5000, count - made)):
            parent = rng.choice(parents)
            language = parent.locale.language_code
            step = next_step[parent.pk]
            next_step[parent.pk] += 1
            added[parent.pk] += 1
            title = text.fill(rng.choice(IDEA_TITLES[language]), language)[:255]
            slug = f"idea-{next_id}"
            published = now - timedelta(seconds=rng.uniform(0, 365 * 86400))
            idea = IdeaPage(
                id=next_id,
                page_ptr_id=next_id,
                path=IdeaPage._get_path(parent.path, parent.depth + 1, step),
                depth=parent.depth + 1,
                numchild=0,
                title=title,
                draft_title=title,
                slug=slug,
                url_path=f"{parent.url_path}{slug}/",
                live=True,
                has_unpublished_changes=False,
                content_type_id=content_type_id,
                locale_id=parent.locale_id,
                translation_key=uuid.uuid4(),
                owner_id=rng.choice(owner_ids),
                first_published_at=published,
                last_published_at=published,
                latest_revision_created_at=published,
                description="".join(
                    text.comment(language, rng.choice(("suggestion", "praise", "other")))
                    for _ in range(rng.choice((1, 2, 3)))
                ),
                proposed_by_id=rng.choice(owner_ids),
                status=rng.choices(status_names, status_weights)[0],
                vote_count=int(rng.expovariate(1 / 8)),
                submitted_at=published,
            )
            if idea.status == IdeaStatus.IMPLEMENTED and rng.random() < 0.7:
                idea.value_kind = rng.choice(("savings", "revenue"))
                idea.estimated_value = round(rng.lognormvariate(9, 1.2), 2)
            mood = score_text(f"{idea.title}.\n{idea.description}", language)  # as IdeaPage.save does
            idea.sentiment, idea.sentiment_score = mood.label, mood.score
            batch.append(idea)
            for tag in rng.sample(tags, rng.choice((0, 1, 1, 2))):
                topics.append(IdeaTopic(content_object_id=next_id, tag_id=tag.pk))
            next_id += 1
        with transaction.atomic():
            Page.objects.bulk_create(batch, batch_size=1000)
            # The IdeaPage table beside its Page rows: what bulk_create does per table, by hand.
            IdeaPage._base_manager.all()._batched_insert(
                batch, fields=IdeaPage._meta.local_concrete_fields, batch_size=1000
            )
            IdeaTopic.objects.bulk_create(topics, batch_size=5000)
            for parent_id, extra in added.items():
                if extra:
                    Page.objects.filter(pk=parent_id).update(numchild=F("numchild") + extra)
        made += len(batch)
        rate = made / max(time.monotonic() - started, 1e-6)
        progress(f"search_corpus: {made:,}/{count:,} ideas ({rate:,.0f}/s)")
    with connection.cursor() as cursor:
        _reset_sequence(cursor, "wagtailcore_page")
        cursor.execute("ANALYZE wagtailcore_page; ANALYZE ideas_ideapage; ANALYZE ideas_ideatopic")
    return made


def generate(
    *,
    comments: int,
    ideas: int,
    mentions: int = 0,
    seed: int = 7,
    mix: CommentMix = SEARCH_MIX,
    progress=print,
) -> dict[str, float]:
    """Make the corpus; return how many rows of each kind and how long each took."""
    from mentions_corpus import make_mentions

    rng = random.Random(seed)
    started = time.monotonic()
    made_ideas = make_ideas(ideas, rng=rng, mix=mix, progress=progress) if ideas else 0
    ideas_seconds = time.monotonic() - started
    started = time.monotonic()
    made_comments = make_comments(comments, rng=rng, mix=mix, progress=progress) if comments else 0
    comments_seconds = time.monotonic() - started
    made = {
        "ideas": made_ideas,
        "ideas_seconds": ideas_seconds,
        "comments": made_comments,
        "comments_seconds": comments_seconds,
        "mentions": 0,
        "mentions_seconds": 0.0,
    }
    if mentions:
        # Their own generator, after the others: the comments and ideas stay those of the same seed
        # with or without mentions.
        started = time.monotonic()
        made["mentions"] = make_mentions(mentions, rng=random.Random(seed + 1), progress=progress)
        made["mentions_seconds"] = time.monotonic() - started
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument("--ideas", type=int, default=50_000)
    parser.add_argument("--mentions", type=int, default=0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    _setup_django()
    made = generate(comments=args.comments, ideas=args.ideas, mentions=args.mentions, seed=args.seed)
    print(
        f"search_corpus: {made['comments']:,} comments in {made['comments_seconds']:.1f} s, "
        f"{made['ideas']:,} ideas in {made['ideas_seconds']:.1f} s"
        + (f", {made['mentions']:,} mentions in {made['mentions_seconds']:.1f} s" if made["mentions"] else "")
    )


if __name__ == "__main__":
    main()
