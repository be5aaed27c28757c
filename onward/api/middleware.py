"""Every error under /api/ is JSON, ``{"detail": "..."}``, as the API's own views answer.

Some errors are answered before or around the API's views, in HTML or with no body at all: an
unknown path (Django's 404 page), a method the path does not take (ninja's bare 405), a bad
request Django refuses itself (400). This middleware gives those the API's shape.
"""

from http import HTTPStatus

from django.http import JsonResponse

API_PREFIX = "/api/"
# Headers of the original answer that still tell the client something.
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")
MESSAGES = {
    404: "Not found.",
    405: "This path does not take that method.",
}


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return as_json(response)
        return response


def as_json(response):
    status = response.status_code
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    json = JsonResponse({"detail": MESSAGES.get(status, f"{phrase}.")}, status=status)
    for header in KEPT_HEADERS:
        if header in response:
            json[header] = response[header]
    return json
