"""Reads the demo through every content API, in-process, and fails loudly on any wrong answer."""

from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from wagtail.models import Locale, Site

from brand_hub.blog.models import BlogPage

LOCALES = ("es", "en", "pl")


class Command(BaseCommand):
    help = "Smoke-test the content APIs against the current database (run after seed_demo)."

    def handle(self, *args, **options):
        site = Site.objects.get(is_default_site=True)
        self.client = Client(HTTP_HOST=site.hostname if site.hostname != "*" else "localhost")
        for code in LOCALES:
            locale = Locale.objects.get(language_code=code)
            listing = self.get_json("/api/v2/pages/", type="blog.BlogPage", fields="*", locale=code, limit=20)
            expected = BlogPage.objects.live().filter(locale=locale).count()
            if listing["meta"]["total_count"] != expected or expected == 0:
                raise CommandError(
                    f"{code}: v2 lists {listing['meta']['total_count']} posts, {expected} are live"
                )
            post = listing["items"][0]
            if not post["hero_image"] or not post["body"] or len(post["translations"]) != len(LOCALES):
                raise CommandError(f"{code}: post {post['id']} lacks its image, body or translations")
            detail = self.get_json(f"/api/v3/pages/{post['id']}/")
            if detail["title"] != post["title"]:
                raise CommandError(f"{code}: v3 and v2 disagree on page {post['id']}")
            page = self.client.get(f"/{code}/")
            if page.status_code != 200:
                raise CommandError(f"/{code}/ answered {page.status_code}")
            self.get_json("/api/site-settings/", locale=code)
            self.stdout.write(f"{code}: {expected} posts through v2 and v3, site settings, /{code}/ ok")
        self.get_json("/api/schema/")
        self.get_json("/api/v3/openapi.json")
        bad = self.client.get("/api/v2/pages/", {"limit": "many"})
        if bad.status_code != 400:
            raise CommandError(f"a bad parameter answered {bad.status_code}, not 400")
        self.stdout.write(self.style.SUCCESS("smoke_api: every content API answered as expected"))

    def get_json(self, url: str, **params) -> dict:
        response = self.client.get(url, params)
        if response.status_code != 200:
            raise CommandError(
                f"GET {url} {params} answered {response.status_code}: {response.content[:300]!r}"
            )
        return response.json()
