"""Logs each request made with an API key, with the status it was answered."""

from brand_hub.core.client_ip import client_ip

from .services import log_use


class ApiKeyUseMiddleware:
    """ApiKeyAuth marks the request with its key and scope; the row is written once the answer is known."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        used = getattr(request, "api_key_use", None)
        if used is not None:
            key, scope = used
            log_use(
                key=key,
                scope=scope,
                path=request.path,
                status=response.status_code,
                client_ip=client_ip(request),
            )
        return response
