"""Benchmark fixture: copy Spanish blog posts until a 20-item listing is full.

Run after `manage.py seed_demo` against the benchmark's throwaway database:
    python benchmarks/top_up_blog.py [--locale es] [--count 20]
Copies keep the source's body, hero image, author and topics, so every listed item costs
the API the same work as a seeded one.
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def top_up(*, locale_code: str, count: int) -> int:
    """Publish copies of existing live posts in `locale_code` until there are `count`; return how many."""
    from django.db import transaction

    from brand_hub.blog.models import BlogPage

    posts = list(BlogPage.objects.live().filter(locale__language_code=locale_code).order_by("path"))
    if not posts:
        raise SystemExit(f"top_up_blog: no live BlogPage in locale '{locale_code}'; did seed_demo run?")
    missing = count - len(posts)
    for n in range(missing):
        source = posts[n % len(posts)]
        with transaction.atomic():
            copy = source.copy(
                update_attrs={
                    "slug": f"{source.slug}-bench-{n + 1}",
                    "title": f"{source.title} ({n + 1})",
                },
                keep_live=False,
                log_action=None,
            )
            copy.save_revision().publish()
    return max(missing, 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", default="es")
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "brand_hub.settings.dev")
    import django

    django.setup()
    from brand_hub.blog.models import BlogPage

    added = top_up(locale_code=args.locale, count=args.count)
    total = BlogPage.objects.live().filter(locale__language_code=args.locale).count()
    print(f"top_up_blog: {total} live BlogPage in '{args.locale}' ({added} copied)")


if __name__ == "__main__":
    main()
