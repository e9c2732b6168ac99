"""`manage.py seed_demo`: build the Senda demo destination, or find it already built."""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from brand_hub.demo.activity import activity_inventory
from brand_hub.demo.assets import LANGUAGES, DemoContentError
from brand_hub.demo.content import demo_inventory, seed_demo
from brand_hub.sentiment.services import RescoreOptions, rescore_everything

DEMO_PATHS = ("/es/", "/en/", "/pl/", "/admin/", "/api/v2/pages/", "/api/docs/")

#: Loggers that report every task and every publication at INFO: hundreds of lines per run.
CHATTY_LOGGERS = ("django_tasks", "wagtail")


@contextmanager
def quiet(logger_names, level=logging.WARNING):
    loggers = [logging.getLogger(name) for name in logger_names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(max(level, logger.getEffectiveLevel()))
    try:
        yield
    finally:
        for logger, previous in zip(loggers, levels, strict=True):
            logger.setLevel(previous)


class Command(BaseCommand):
    help = (
        "Create the Senda demo (pages in es/en/pl, images, authors, site settings, accounts "
        "admin/editor/moderator/prosumer, and a community of prosumers discussing, voting, joining "
        "groups and sharing in each language). Idempotent: a second run creates nothing."
    )

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            with quiet(CHATTY_LOGGERS if options["verbosity"] < 2 else ()):
                report = seed_demo()
        except DemoContentError as error:
            raise CommandError(f"seed_demo: nothing was saved. {error}") from error
        # New comments and ideas were scored as they were written; a database seeded before
        # sentiment existed gets it now.
        rescored = sum(result.changed for result in rescore_everything(RescoreOptions(only_missing=True)))
        if rescored:
            report.notes.append(f"sentiment scored for {rescored} earlier comments and ideas")
        elapsed = time.perf_counter() - started

        created, existing = report.created, report.existing
        self.stdout.write(
            self.style.SUCCESS(
                f"seed_demo: {created['page']} pages created, {existing['page']} already there "
                f"({elapsed:.1f} s)"
            )
        )
        others = ("image", "author", "site settings", "account", "locale")
        community = ("member", "comment", "resolution", "reaction", "vote", "group membership", "follow")
        shares = ("share link", "share visit")
        for kinds in (others, community, shares):
            self.stdout.write(
                "  " + "; ".join(f"{kind}: {created[kind]} created, {existing[kind]} there" for kind in kinds)
            )
        for note in report.notes:
            self.stdout.write(f"  {note}")

        self.stdout.write("\n  " + f"{'per language':<26}" + "".join(f"{code:>5}" for code in LANGUAGES))
        for label, counts in demo_inventory():
            self.write_row(label, counts)
        self.stdout.write("\n  " + f"{'community':<26}" + "".join(f"{code:>5}" for code in LANGUAGES))
        for label, counts in activity_inventory():
            self.write_row(label, counts)

        self.stdout.write("")
        for username, password in report.passwords.items():
            self.stdout.write(self.style.WARNING(f"{username} password: {password}"))
        if report.passwords:
            self.stdout.write("  Shown once: they are not stored in clear and will not be printed again.")
            # The frontend's log-in asks for the e-mail address; the admin's for the username.
            accounts = get_user_model().objects.filter(username__in=report.passwords)
            for username, email in sorted(accounts.values_list("username", "email")):
                self.stdout.write(f"  {username} logs in to the frontend as {email}")
        if report.existing_accounts:
            names = ", ".join(report.existing_accounts)
            self.stdout.write(
                f"Accounts already there: {names} (passwords not shown again). "
                "Reset one with `manage.py changepassword editor`."
            )

        base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write("\n" + "\n".join(f"  {base_url}{path}" for path in DEMO_PATHS))

    def write_row(self, label: str, counts: dict[str, int]) -> None:
        self.stdout.write("  " + f"{label:<26}" + "".join(f"{counts.get(code, 0):>5}" for code in LANGUAGES))
