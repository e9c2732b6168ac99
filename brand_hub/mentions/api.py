"""/api/listening/: listening tools send what people say about the brand elsewhere, with an API key."""

from ninja import Status
from pydantic import ValidationError

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brand_hub.apikeys.auth import ApiKeyAuth
from brand_hub.apikeys.models import ApiScope
from brand_hub.core.validation_messages import field_errors
from brand_hub.headless.router import ProjectRouter
from brand_hub.headless.schemas import ErrorSchema

from .schemas import IngestResult, MentionBatch, MentionItem
from .services import MentionInput, erased_among, mention_language, store_mentions

router = ProjectRouter(tags=["listening"])


def checked_items(batch: MentionBatch) -> tuple[list[MentionInput], list[dict]]:
    """The valid items, and an error per field of the invalid ones, named `items[<index>].<field>`."""
    valid, errors = [], []
    for index, raw in enumerate(batch.items):
        try:
            item = MentionItem.model_validate(raw)
        except ValidationError as error:
            for problem in field_errors(error.errors()):
                errors.append({"field": f"items[{index}].{problem['field']}", "message": problem["message"]})
            continue
        valid.append(
            MentionInput(
                index=index,
                network=item.network,
                url=item.url,
                author_handle=item.author_handle,
                text=item.text,
                language=mention_language(item.text, item.language),
                published_at=item.published_at,
                reach=item.reach,
            )
        )
    refused = erased_among(valid)
    for index in sorted(refused):
        errors.append(
            {"field": f"items[{index}].url", "message": _("Erased on request: it is not stored again.")}
        )
    return [item for item in valid if item.index not in refused], sorted(errors, key=error_order)


def error_order(error: dict) -> int:
    return int(error["field"].split("]")[0].removeprefix("items["))


@router.post(
    "/mentions",
    response={200: IngestResult, 207: IngestResult, 400: ErrorSchema, 403: ErrorSchema},
    auth=ApiKeyAuth(ApiScope.MENTIONS_INGEST),
    summary="Send a batch of mentions (up to 1,000), de-duplicated by URL",
    description=(
        "Each item is checked on its own: valid items are stored, invalid ones are refused and named in "
        "`errors` by their position (`items[3].url`). 200: every item stored; 207: some refused (the "
        "others are stored); 400: none stored. A URL already stored keeps its row (a higher `reach` is "
        "taken), so sending the same batch again changes nothing and answers the same. Needs an API key "
        "with the scope `mentions:ingest`."
    ),
)
def ingest_mentions(request, body: MentionBatch):
    valid, errors = checked_items(body)
    if not valid:
        return Status(
            400,
            {"detail": _("No mention was stored: every item was refused (see errors)."), "errors": errors},
        )
    stored = store_mentions(items=valid, key=request.auth)
    rejected = len({error_order(error) for error in errors})
    detail = (
        ngettext("%(n)s mention stored.", "%(n)s mentions stored.", len(stored)) % {"n": len(stored)}
        if not rejected
        else ngettext(
            "%(n)s mention stored; %(r)s refused (see errors).",
            "%(n)s mentions stored; %(r)s refused (see errors).",
            len(stored),
        )
        % {"n": len(stored), "r": rejected}
    )
    answer = {
        "detail": detail,
        "accepted": len(stored),
        "rejected": rejected,
        "items": [{"index": row.index, "id": row.id, "url": row.url} for row in stored],
        "errors": errors,
    }
    return Status(207 if rejected else 200, answer)
