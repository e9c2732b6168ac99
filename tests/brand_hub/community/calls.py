"""The discussion API as a frontend calls it."""


def say(client, page, text, **extra):
    return client.post(
        "/api/community/comments/",
        {"page_id": page.pk, "text": text, **extra},
        content_type="application/json",
    )


def thread(client, page, **params):
    return client.get("/api/community/comments/", {"page_id": page.pk, **params})
