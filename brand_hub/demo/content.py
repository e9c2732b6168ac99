"""The Senda demo destination: its page tree written in Spanish, translated into English and Polish."""

import datetime
import uuid
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, Site

from brand_hub.blog.models import Author, BlogIndexPage, BlogPage
from brand_hub.community_groups.models import CommunityGroupPage, CommunityIndexPage
from brand_hub.core.models import LocalizedSiteSettings
from brand_hub.home.models import HomePage
from brand_hub.ideas.models import IdeaBoardPage, IdeaChallengePage, IdeaPage, IdeasIndexPage
from brand_hub.insights import rollups
from brand_hub.insights.influence import compute_influence

from .accounts import ROLES, ensure_account
from .activity import ActivitySeeder
from .assets import (
    LANGUAGES,
    SOURCE_LANGUAGE,
    TARGET_LANGUAGES,
    DemoAssets,
    in_language,
    link_pages,
    load_assets,
    slug_in,
)
from .history import spread_over_past
from .images import ensure_demo_image
from .indexing import index_objects, indexing_deferred
from .translation import TranslationMemory, sync_translations, translate_missing

#: The page types of the demo, in the order the summary lists them.
PAGE_MODELS = (
    HomePage,
    BlogIndexPage,
    BlogPage,
    CommunityIndexPage,
    CommunityGroupPage,
    IdeasIndexPage,
    IdeaBoardPage,
    IdeaChallengePage,
    IdeaPage,
)

#: Days from the first run at which a challenge's phases start and end: collecting from, until,
#: voting until, review until. Each demo challenge is in the phase named by its key.
CHALLENGE_CALENDARS = {
    "collecting": (-12, 18, 32, 46),
    "voting": (-45, -5, 9, 30),
}

WAGTAIL_WELCOME_TITLE = "Welcome to your new Wagtail site!"


@dataclass
class SeedReport:
    """What a run created and what it found already there, by kind of object."""

    created: Counter = field(default_factory=Counter)
    existing: Counter = field(default_factory=Counter)
    #: Passwords of the accounts this run created, to be shown once: only their hashes are stored.
    passwords: dict[str, str] = field(default_factory=dict)
    existing_accounts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def tally(self, kind: str, created: bool, count: int = 1) -> None:
        (self.created if created else self.existing)[kind] += count


def seed_demo(*, assets: DemoAssets | None = None) -> SeedReport:
    """Create whatever part of the demo is missing; a second run finds everything and creates nothing.

    Everything is written in one transaction. wagtail-localize publishes translations when it
    commits, so they are live once this function has returned (unless an outer transaction,
    as in tests, holds the commit back).
    """
    seeder = DemoSeeder(assets or load_assets())
    with indexing_deferred():
        with transaction.atomic():
            seeder.run()
    if sum(seeder.report.created.values()):
        index_objects(seeder.seeded_objects())
    # The dashboard's roll-ups and influence scores, as the nightly jobs would make them.
    rollups.refresh(full=True)
    compute_influence()
    return seeder.report


def demo_inventory() -> list[tuple[str, dict[str, int]]]:
    """How many objects of each demo type exist, per language code."""
    rows = []
    for model in (*PAGE_MODELS, LocalizedSiteSettings):
        counts = dict(
            model.objects.order_by().values_list("locale__language_code").annotate(total=Count("pk"))
        )
        rows.append((str(model._meta.verbose_name), counts))
    return rows


class DemoSeeder:
    """One run of the seeder: finds or creates each object of the demo, in dependency order."""

    def __init__(self, assets: DemoAssets) -> None:
        self.assets = assets
        self.report = SeedReport()
        self.locales: dict[str, Locale] = {}
        self.accounts = {}
        self.images = {}
        self.authors: dict[str, Author] = {}
        #: Spanish pages by their "ref" in the assets, and in creation order (parents first).
        self.pages: dict[str, Page] = {}
        self.tree: list[tuple[Page, dict]] = []
        self.translated_page_ids: list[int] = []
        self.now = timezone.now().replace(minute=0, second=0, microsecond=0)

    @property
    def editor(self):
        return self.accounts["editor"]

    @property
    def target_locales(self) -> list[Locale]:
        return [self.locales[code] for code in TARGET_LANGUAGES]

    def run(self) -> None:
        started = timezone.now()
        self.ensure_locales()
        self.ensure_accounts()
        self.ensure_images()
        self.ensure_authors()
        home = self.ensure_home()
        self.point_default_site_at(home)
        self.remove_wagtail_welcome_page()
        # Sections in the order their pages link to each other: links only point backwards.
        self.ensure_community(home)
        self.ensure_ideas_section(home)
        self.ensure_blog(home)
        self.ensure_ideas()
        self.translate_tree()
        # The landing features pages of every section, so it is completed once they are translated.
        self.feature_on_home(home)
        self.ensure_site_settings()
        # The community takes part once every page is live in every language.
        ActivitySeeder(
            spec=self.assets.activity,
            report=self.report,
            locales=self.locales,
            accounts=self.accounts,
            pages=self.pages,
        ).run()
        spread_over_past(since=started)
        # Wagtail creates redirects for renamed pages when the transaction commits: clean up after it.
        transaction.on_commit(self.discard_interim_redirects)

    def seeded_objects(self):
        """Every object of the demo, pages as their specific type, for indexing."""
        home = self.pages["home"]
        for page in HomePage.objects.filter(translation_key=home.translation_key):
            yield from Page.objects.descendant_of(page, inclusive=True).specific()
        yield from self.images.values()
        yield from self.authors.values()
        yield from LocalizedSiteSettings.objects.all()

    # Shared objects

    def ensure_locales(self) -> None:
        for code in LANGUAGES:
            locale, created = Locale.objects.get_or_create(language_code=code)
            self.report.tally("locale", created)
            self.locales[code] = locale

    def ensure_accounts(self) -> None:
        profiles = self.assets.site["accounts"]
        for role in ROLES:
            user, password = ensure_account(role=role, **profiles[role.username])
            self.report.tally("account", password is not None)
            if password is None:
                self.report.existing_accounts.append(role.username)
            else:
                self.report.passwords[role.username] = password
            self.accounts[role.username] = user

    def ensure_images(self) -> None:
        for key, spec in self.assets.images.items():
            image, created = ensure_demo_image(spec=spec, uploaded_by=self.editor)
            self.report.tally("image", created)
            self.images[key] = image

    def ensure_authors(self) -> None:
        for spec in self.assets.site["authors"]:
            author, created = Author.objects.get_or_create(
                name=spec["name"],
                defaults={
                    "role": spec["role"],
                    "bio": spec["bio"],
                    "photo": self.images[spec["photo"]],
                },
            )
            self.report.tally("author", created)
            self.authors[author.name] = author

    def point_default_site_at(self, home: HomePage) -> None:
        site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
        wanted = {
            "hostname": "localhost",
            "port": 80,
            "root_page_id": home.pk,
            "site_name": self.assets.site["brand"],
        }
        if any(getattr(site, name) != value for name, value in wanted.items()):
            for name, value in wanted.items():
                setattr(site, name, value)
            site.save()
            self.report.notes.append(f"default site localhost:80 now serves {home.title!r}")

    def remove_wagtail_welcome_page(self) -> None:
        """Delete the page Wagtail's first migration creates, unless someone built on it."""
        welcome = Page.objects.filter(
            depth=2,
            numchild=0,
            title=WAGTAIL_WELCOME_TITLE,
            content_type=ContentType.objects.get_for_model(Page),
        ).first()
        if welcome is not None and not Site.objects.filter(root_page=welcome).exists():
            welcome.delete()
            self.report.notes.append("removed Wagtail's default welcome page")

    # Pages

    def ensure_page(self, *, parent: Page, model, spec: dict, fields: dict, owner=None, topics=()):
        """Find the Spanish page by slug under its parent, or create it and publish it as the editor."""
        slug = slug_in(spec, SOURCE_LANGUAGE)
        page = model.objects.child_of(parent).filter(locale=self.locales[SOURCE_LANGUAGE], slug=slug)
        page = page.first()
        if page is None:
            page = model(
                title=spec["title"][SOURCE_LANGUAGE],
                slug=slug,
                locale=self.locales[SOURCE_LANGUAGE],
                owner=owner or self.editor,
                live=False,
                has_unpublished_changes=True,
                **fields,
            )
            if topics:
                page.topics.add(*topics)
            # As the admin's create view does: saved as a draft (which logs the creation), a first
            # revision, then publishing it.
            parent.add_child(instance=page)
            page.save_revision(user=self.editor, log_action=False).publish(user=self.editor)
            # Publishing saved a copy built from the revision; read back the live page.
            page = model.objects.get(pk=page.pk)
            self.report.tally("page", True)
        else:
            self.report.tally("page", False)
        self.pages[spec["ref"]] = page
        self.tree.append((page, spec))
        return page

    def ensure_home(self) -> HomePage:
        spec = self.assets.site["home"]
        return self.ensure_page(
            parent=Page.get_first_root_node(),
            model=HomePage,
            spec=spec,
            fields={
                "hero_title": spec["hero_title"][SOURCE_LANGUAGE],
                "hero_text": spec["hero_text"][SOURCE_LANGUAGE],
                "hero_image": self.images[spec["hero_image"]],
                "hero_image_alt": spec["hero_image_alt"][SOURCE_LANGUAGE],
                "hero_cta_label": spec["hero_cta_label"][SOURCE_LANGUAGE],
            },
        )

    def ensure_community(self, home: HomePage) -> None:
        spec = self.assets.site["community_index"]
        index = self.ensure_page(
            parent=home,
            model=CommunityIndexPage,
            spec=spec,
            fields={"intro": spec["intro"][SOURCE_LANGUAGE]},
        )
        for group in self.assets.groups:
            self.ensure_page(
                parent=index,
                model=CommunityGroupPage,
                spec=group,
                topics=group["topics"],
                fields={
                    "description": self.rich_text(group["description"]),
                    "rules": self.rich_text(group["rules"]),
                    "cover_image": self.images[group["cover_image"]],
                    "cover_image_alt": group["cover_image_alt"][SOURCE_LANGUAGE],
                },
            )

    def ensure_ideas_section(self, home: HomePage) -> None:
        spec = self.assets.site["ideas_index"]
        index = self.ensure_page(
            parent=home,
            model=IdeasIndexPage,
            spec=spec,
            fields={"intro": spec["intro"][SOURCE_LANGUAGE]},
        )
        board = self.assets.board
        self.ensure_page(
            parent=index,
            model=IdeaBoardPage,
            spec=board,
            fields={
                "intro": board["intro"][SOURCE_LANGUAGE],
                "guidelines": self.rich_text(board["guidelines"]),
                "cover_image": self.images[board["cover_image"]],
                "cover_image_alt": board["cover_image_alt"][SOURCE_LANGUAGE],
                "accepts_ideas": True,
                "accepts_votes": True,
            },
        )
        for challenge in self.assets.challenges:
            starts, collecting_ends, voting_ends, review_ends = (
                self.now + datetime.timedelta(days=days) for days in CHALLENGE_CALENDARS[challenge["phase"]]
            )
            self.ensure_page(
                parent=index,
                model=IdeaChallengePage,
                spec=challenge,
                fields={
                    "question": challenge["question"][SOURCE_LANGUAGE],
                    "description": self.rich_text(challenge["description"]),
                    "reward": self.rich_text(challenge["reward"]),
                    "cover_image": self.images[challenge["cover_image"]],
                    "cover_image_alt": challenge["cover_image_alt"][SOURCE_LANGUAGE],
                    "collecting_starts_at": starts,
                    "collecting_ends_at": collecting_ends,
                    "voting_ends_at": voting_ends,
                    "review_ends_at": review_ends,
                },
            )

    def ensure_blog(self, home: HomePage) -> None:
        spec = self.assets.site["blog_index"]
        index = self.ensure_page(
            parent=home,
            model=BlogIndexPage,
            spec=spec,
            fields={"intro": spec["intro"][SOURCE_LANGUAGE]},
        )
        today = timezone.localdate()
        for post in self.assets.posts:
            self.ensure_page(
                parent=index,
                model=BlogPage,
                spec=post,
                topics=post["topics"],
                fields={
                    "intro": post["intro"][SOURCE_LANGUAGE],
                    "hero_image": self.images[post["hero_image"]],
                    "hero_image_alt": post["hero_image_alt"][SOURCE_LANGUAGE],
                    "body": self.body_stream(post["body"]),
                    "author": self.authors[post["author"]],
                    "published_date": today - datetime.timedelta(days=post["published_days_ago"]),
                },
            )

    def ensure_ideas(self) -> None:
        prosumer = self.accounts["prosumer"]
        for idea in self.assets.ideas:
            by_prosumer = idea.get("by_prosumer", False)
            answered = idea.get("answered_days_ago")
            value = idea.get("estimated_value")
            self.ensure_page(
                parent=self.pages[idea["parent"]],
                model=IdeaPage,
                spec=idea,
                topics=idea["topics"],
                owner=prosumer if by_prosumer else None,
                fields={
                    "description": self.rich_text(idea["description"]),
                    "proposed_by": prosumer if by_prosumer else None,
                    "status": idea["status"],
                    "official_response": self.rich_text(idea["response"]) if "response" in idea else "",
                    "official_response_at": (
                        self.now - datetime.timedelta(days=answered) if answered is not None else None
                    ),
                    "estimated_value": Decimal(value) if value else None,
                    "value_kind": idea.get("value_kind", ""),
                    "value_currency": "EUR",
                },
            )

    def feature_on_home(self, home: HomePage) -> None:
        """Add the featured rows and the hero button once, then carry them to the translations."""
        home = HomePage.objects.get(pk=home.pk)
        if home.featured:
            return
        spec = self.assets.site["home"]
        home.featured = [
            {
                "type": "featured_pages",
                "value": {
                    "heading": row["heading"][SOURCE_LANGUAGE],
                    # ListBlock items in their stored form: wagtail-localize only extracts those.
                    "pages": [
                        {"type": "item", "value": self.pages[ref].pk, "id": str(uuid.uuid4())}
                        for ref in row["pages"]
                    ],
                },
            }
            for row in spec["featured"]
        ]
        home.hero_cta_page = self.pages[spec["hero_cta_page"]]
        home.save_revision(user=self.editor).publish(user=self.editor)
        sync_translations(
            instance=HomePage.objects.get(pk=home.pk),
            locales=self.target_locales,
            memories=self.memories(spec),
            user=self.editor,
        )
        self.report.notes.append("featured posts, challenges and groups on the home pages")

    def translate_tree(self) -> None:
        for page, spec in self.tree:
            translated = translate_missing(
                instance=page, locales=self.target_locales, memories=self.memories(spec), user=self.editor
            )
            for locale in self.target_locales:
                self.report.tally("page", locale in translated)
            self.translated_page_ids += [page.get_translation(locale).pk for locale in translated]

    def discard_interim_redirects(self) -> None:
        """Drop the redirects Wagtail made from the Spanish slugs of translations made by this run.

        wagtail-localize copies a page with its Spanish slug before it enters the translated one;
        Wagtail records the rename as a redirect from a path that was never published.
        """
        Redirect.objects.filter(
            automatically_created=True, redirect_page_id__in=self.translated_page_ids
        ).delete()

    # Site settings

    def ensure_site_settings(self) -> None:
        spec = self.assets.site["site_settings"]
        source_locale = self.locales[SOURCE_LANGUAGE]
        settings = LocalizedSiteSettings.objects.filter(locale=source_locale).first()
        self.report.tally("site settings", settings is None)
        if settings is None:
            settings = LocalizedSiteSettings.objects.create(
                locale=source_locale,
                site_name=spec["site_name"][SOURCE_LANGUAGE],
                navigation=self.link_stream(spec["navigation"]),
                footer_text=self.rich_text(spec["footer_text"]),
                footer_links=self.link_stream(spec["footer_links"]),
                social_links=[
                    {"type": "social", "value": {"network": link["network"], "url": link["url"]}}
                    for link in spec["social_links"]
                ],
                contact_email=spec["contact_email"],
            )
        translated = translate_missing(
            instance=settings, locales=self.target_locales, memories=self.memories(spec), user=self.editor
        )
        for locale in self.target_locales:
            self.report.tally("site settings", locale in translated)

    # Building values from the assets

    def memories(self, spec: dict) -> dict[str, TranslationMemory]:
        """Translation memories for one object of the assets, one per target language."""
        memories = {}
        for language in TARGET_LANGUAGES:
            extra = [(text, text) for text in self.assets.verbatim]
            if "title" in spec:
                # A page's slug is a translatable field of its own.
                extra.append((slug_in(spec, SOURCE_LANGUAGE), slug_in(spec, language)))
            memories[language] = TranslationMemory.for_spec(spec, language, extra=extra)
        return memories

    def rich_text(self, text: dict) -> str:
        return link_pages(text[SOURCE_LANGUAGE], {ref: page.pk for ref, page in self.pages.items()})

    def body_stream(self, body: list[dict]) -> list[dict]:
        stream = []
        for block in in_language(body, SOURCE_LANGUAGE):
            kind, value = block["type"], block["value"]
            if kind == "paragraph":
                value = link_pages(value, {ref: page.pk for ref, page in self.pages.items()})
            elif kind == "image":
                value = {**value, "image": self.images[value["image"]].pk}
            elif kind == "call_to_action":
                value = {**value, "page": self.pages[value["page"]].pk, "external_url": ""}
            stream.append({"type": kind, "value": value})
        return stream

    def link_stream(self, links: list[dict]) -> list[dict]:
        return [
            {
                "type": "link",
                "value": {
                    "label": link["label"][SOURCE_LANGUAGE],
                    "page": self.pages[link["page"]].pk if "page" in link else None,
                    "external_url": link.get("external_url", ""),
                },
            }
            for link in links
        ]
