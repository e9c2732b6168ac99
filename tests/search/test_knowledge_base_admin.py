"""The Knowledge base in the Wagtail admin: query box, facets, highlighted results, links to moderation."""

import pytest

from search.indices.comments import COMMENTS
from search.outbox import send_all_due
from tests.brand_hub.community.calls import say

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]


def test_a_moderator_searches_comments_with_facets_and_highlights(
    elasticsearch, index_prefix, post, lucia, marek, moderator
):
    complaint = say(
        lucia, post, "Las zapatillas se rompieron en < 2 meses y nadie me contesta", kind="complaint"
    )
    say(marek, post, "¿Tenéis zapatillas de trail en la talla 46?", kind="question")
    say(marek, post, "Me encanta la nueva mochila", kind="praise")
    send_all_due()
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())

    page = moderator.get("/admin/knowledge-base/", {"q": "zapatilla"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "2 comments" in html or "2 comentarios" in html
    assert "<mark>zapatillas</mark>" in html.lower()
    assert "en &lt; 2 meses" in html  # the customer's text stays text
    assert f"/admin/community/comments/inspect/{complaint.json()['id']}/" in html
    assert "Complaint</a> (1)" in html or "Queja</a> (1)" in html

    only_questions = moderator.get(
        "/admin/knowledge-base/", {"q": "zapatilla", "kind": "question"}
    ).content.decode()
    assert (
        ("1 comment" in only_questions or "1 comentario" in only_questions)
        and "talla 46" in only_questions
        and "rompieron" not in only_questions
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (
            "en",
            [
                "Complaint</a> (1)",
                "Question</a> (1)",
                "Blog post</a> (2)",
                "No</a> (2)",
                "Complaint · Published",
            ],
        ),
        (
            "es",
            [
                "Queja</a> (1)",
                "Pregunta</a> (1)",
                "Entrada del blog</a> (2)",
                "No</a> (2)",
                "Queja · Publicado",
            ],
        ),
        (
            "pl",
            [
                "Skarga</a> (1)",
                "Pytanie</a> (1)",
                "Wpis na blogu</a> (2)",
                "Nie</a> (2)",
                "Skarga · Opublikowany",
            ],
        ),
    ],
)
def test_facets_and_results_are_labelled_in_the_admins_words_in_every_language(
    elasticsearch, index_prefix, post, lucia, marek, moderator, language, words
):
    say(lucia, post, "Las zapatillas se rompieron", kind="complaint")
    say(marek, post, "¿Tenéis zapatillas en la talla 46?", kind="question")
    send_all_due()
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())

    html = moderator.get(
        "/admin/knowledge-base/", {"q": "zapatillas"}, headers={"accept-language": language}
    ).content.decode()
    for word in words:
        assert word in html
    for code in ("complaint</a>", "blog.BlogPage</a>", "true</a>", "false</a>", "published</a>"):
        assert code not in html


def test_a_page_type_facet_narrows_the_results(elasticsearch, index_prefix, destination, lucia, moderator):
    say(lucia, destination["posts"][0], "Las zapatillas del blog", kind="question")
    say(lucia, destination["group"], "Las zapatillas del grupo", kind="question")
    send_all_due()
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())

    html = moderator.get(
        "/admin/knowledge-base/", {"q": "zapatillas", "page_type": "blog.BlogPage"}
    ).content.decode()
    assert "del blog" in html and "del grupo" not in html
    assert 'name="page_type" value="blog.BlogPage"' in html  # kept when the box is submitted again


@pytest.mark.parametrize(
    ("language", "words"),
    [("es", "¿Quisiste decir"), ("en", "Did you mean"), ("pl", "Czy chodziło o")],
)
def test_a_misspelt_search_offers_the_word_the_comments_use(
    elasticsearch, index_prefix, post, lucia, moderator, language, words
):
    say(lucia, post, "Las tendencias de color son demasiado oscuras", kind="praise")
    send_all_due()
    elasticsearch.indices.refresh(index=COMMENTS.alias_name())

    html = moderator.get(
        "/admin/knowledge-base/", {"q": "tendecias", "kind": "praise"}, headers={"accept-language": language}
    ).content.decode()
    assert words in html
    assert '<a href="?q=tendencias&amp;kind=praise">tendencias</a>' in html


def test_prosumers_have_no_knowledge_base(lucia):
    assert lucia.get("/admin/knowledge-base/").status_code in (302, 403)


def test_the_knowledge_base_says_what_to_do_when_elasticsearch_is_down(settings, moderator):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    page = moderator.get("/admin/knowledge-base/", {"q": "zapatilla"}, headers={"accept-language": "en"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Elasticsearch does not answer at http://127.0.0.1:9." in html
    assert "<code>make es-start</code>" in html and "search_worker" in html
