"""Erase mentions on request: every mention of the authors and URLs given, from the database and the index."""

from django.core.management.base import BaseCommand, CommandError

from brand_hub.mentions.models import Network
from brand_hub.mentions.services import erase_mentions
from brand_hub.mentions.urls import InvalidUrl


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--handle", action="append", default=[], help="An author (repeat for more)")
        parser.add_argument("--network", choices=Network.values, help="The authors' network")
        parser.add_argument("--url", action="append", default=[], help="A mention's URL (repeat for more)")

    def handle(self, *args, handle, network, url, **options):
        if not handle and not url:
            raise CommandError("Name at least one --handle or --url.")
        try:
            erased = erase_mentions(handles=handle, urls=url, network=network)
        except InvalidUrl as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{erased} mention(s) erased; the search index follows through its outbox.")
