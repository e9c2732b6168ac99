"""The accounts document: allauth's own OpenAPI document, with the answers the project's settings add."""

import copy
import json

from allauth.account.internal.decorators import login_not_required
from allauth.headless.spec.internal.schema import get_schema

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse

from .middleware import ACTIONS

PREFIX = "/_allauth/{client}/v1"


def too_many_requests(document: dict) -> dict:
    """allauth's 429 answer, with the Retry-After header the project adds to it (users.middleware)."""
    answer = copy.deepcopy(document["components"]["responses"]["TooManyRequests"])
    answer["description"] = (
        "Too many requests: a limit of ACCOUNT_RATE_LIMITS (for log-ins, also too many failed ones). "
        "Retry-After says how many seconds to wait at most (the limit's longest window).\n"
    )
    answer["headers"] = {
        "Retry-After": {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"}}
    }
    return answer


def accounts_schema() -> dict:
    """allauth's document, where the project's limits make a 429 that allauth does not list: sign-up,
    log-in (allauth's own limits, and the adapter's answer to too many failed log-ins), password reset
    requests and verification e-mails sent again."""
    document = get_schema()
    document["components"]["responses"]["TooManyRequestsRetryAfter"] = too_many_requests(document)
    for path_end in ACTIONS:
        operation = document["paths"].get(PREFIX + path_end, {}).get("post")
        if operation is not None:
            operation["responses"]["429"] = {"$ref": "#/components/responses/TooManyRequestsRetryAfter"}
    # Plain strings: the sign-up form's labels are lazy translations, which neither json nor yaml writes.
    return json.loads(json.dumps(document, cls=DjangoJSONEncoder))


@login_not_required
def accounts_document_json(request: HttpRequest) -> HttpResponse:
    """Served at allauth's own address, /_allauth/openapi.json, which its docs page reads."""
    return HttpResponse(
        json.dumps(accounts_schema()),
        content_type="application/vnd.oai.openapi+json",
        headers={"Content-Disposition": "inline; filename=allauth-openapi.json"},
    )


@login_not_required
def accounts_document_yaml(request: HttpRequest) -> HttpResponse:
    import yaml

    return HttpResponse(
        yaml.dump(accounts_schema(), Dumper=yaml.Dumper),
        content_type="application/vnd.oai.openapi",
        headers={"Content-Disposition": "inline; filename=allauth-openapi.yaml"},
    )
