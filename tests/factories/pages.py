"""Page trees built the way editors build them: add a child, save a revision, publish it."""

from datetime import timedelta

from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail_localize.operations import TranslationCreator

from brand_hub.blog.models import Author, BlogIndexPage, BlogPage
from brand_hub.community_groups.models import CommunityGroupPage, CommunityIndexPage
from brand_hub.home.models import HomePage
from brand_hub.ideas.models import IdeaBoardPage, IdeaChallengePage, IdeaPage, IdeasIndexPage


def publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def translate_and_publish(page: Page, locale: Locale) -> Page:
    """Translate a page and its untranslated ancestors as an editor would, then publish them."""
    for ancestor in [*page.get_ancestors()[1:], page]:
        if ancestor.specific.get_translation_or_none(locale) is None:
            TranslationCreator(None, [locale]).create_translations(ancestor)
        translation = ancestor.specific.get_translation(locale)
        translation.save_revision().publish()
    return page.get_translation(locale)


def blog_body(*, image=None, link_to: Page | None = None, cta_to: Page | None = None) -> list[tuple]:
    link = f'<a linktype="page" id="{link_to.pk}">read more</a>' if link_to else "read more"
    body = [
        ("heading", {"text": "Made with our community", "level": "h2"}),
        ("paragraph", f"<p>Prosumers shaped this shoe. {link}.</p>"),
        ("quote", {"text": "The best ideas came from customers.", "attribution": "Ana"}),
    ]
    if image is not None:
        body.append(("image", {"image": image, "caption": "On the trail", "alt_text": "A runner"}))
    if cta_to is not None:
        body.append(
            ("call_to_action", {"title": "Join us", "text": "", "button_label": "Go", "page": cta_to})
        )
    return body


def build_home(root: Page, *, title="Inicio", image=None) -> HomePage:
    return publish(
        root, HomePage(title=title, slug="inicio", hero_title="Crea con nosotros", hero_image=image)
    )


def build_blog(
    home: HomePage, *, posts: int, image=None, author: Author | None = None, slug: str = "blog"
) -> list[BlogPage]:
    index = publish(home, BlogIndexPage(title=f"Blog {slug}", slug=slug, intro="Historias"))
    created = []
    for number in range(posts):
        post = BlogPage(
            title=f"Post {number}" if slug == "blog" else f"Post {slug} {number}",
            slug=f"post-{number}",
            intro=f"Intro {number}",
            hero_image=image,
            author=author,
            body=blog_body(image=image, link_to=index, cta_to=home),
        )
        post.topics.add("running", f"topic-{number % 3}")
        created.append(publish(index, post))
    return created


def build_community(home: HomePage, *, image=None) -> CommunityGroupPage:
    index = publish(home, CommunityIndexPage(title="Comunidad", slug="comunidad"))
    group = CommunityGroupPage(
        title="Corredores de montaña",
        slug="corredores",
        description=f'<p>Trail runners. See <a linktype="page" id="{home.pk}">home</a>.</p>',
        rules="<p>Be kind.</p>",
        cover_image=image,
    )
    group.topics.add("trail")
    return publish(index, group)


def build_ideas(home: HomePage) -> dict[str, Page]:
    now = timezone.now()
    index = publish(home, IdeasIndexPage(title="Ideas", slug="ideas"))
    board = publish(index, IdeaBoardPage(title="Buzón de ideas", slug="buzon"))
    challenge = publish(
        index,
        IdeaChallengePage(
            title="Reto: zapatilla reciclada",
            slug="reto",
            question="¿Cómo reciclarías tus zapatillas?",
            description="<p>Cuéntanos.</p>",
            reward="<p>Un par gratis.</p>",
            collecting_starts_at=now - timedelta(days=1),
            collecting_ends_at=now + timedelta(days=10),
            voting_ends_at=now + timedelta(days=20),
            review_ends_at=now + timedelta(days=30),
        ),
    )
    idea = IdeaPage(
        title="Suela reciclada", slug="suela", description="<p>Usar caucho reciclado.</p>", status="planned"
    )
    idea.topics.add("sostenibilidad")
    idea = publish(challenge, idea)
    return {"index": index, "board": board, "challenge": challenge, "idea": idea}
