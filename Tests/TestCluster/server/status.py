"""Kubernetes `Status` error responses, worded as kube-apiserver words them.

Every failure the API layer reports is an `ApiError`; the HTTP layer turns it
into a `meta/v1 Status` body with the matching HTTP code. The message formats
follow k8s.io/apimachinery/pkg/api/errors so that clients which show
`status.message` to people show what a real cluster would show.
"""

from __future__ import annotations


class ApiError(Exception):
    """A failed request: HTTP code, Status reason, message and details."""

    def __init__(self, code: int, reason: str, message: str, details: dict | None = None,
                 headers: dict | None = None):
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
        self.headers = headers or {}

    def status(self) -> dict:
        body = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
        }
        if self.details is not None:
            body["details"] = self.details
        body["code"] = self.code
        return body


def qualified(resource: str, group: str) -> str:
    """`deployments.apps`, or `configmaps` for the core group."""
    return f"{resource}.{group}" if group else resource


def _details(name: str, group: str, kind: str) -> dict:
    details: dict = {}
    if name:
        details["name"] = name
    if group:
        details["group"] = group
    if kind:
        details["kind"] = kind
    return details


def quote(s: str) -> str:
    """Go's %q for the strings that appear in API messages."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def not_found(resource: str, group: str, name: str) -> ApiError:
    return ApiError(404, "NotFound", f"{qualified(resource, group)} {quote(name)} not found",
                    _details(name, group, resource))


def path_not_found() -> ApiError:
    """An /api or /apis path that names no group, version or resource."""
    return ApiError(404, "NotFound", "the server could not find the requested resource", {})


def already_exists(resource: str, group: str, name: str) -> ApiError:
    return ApiError(409, "AlreadyExists", f"{qualified(resource, group)} {quote(name)} already exists",
                    _details(name, group, resource))


def conflict(resource: str, group: str, name: str, why: str) -> ApiError:
    return ApiError(409, "Conflict",
                    f"Operation cannot be fulfilled on {qualified(resource, group)} {quote(name)}: {why}",
                    _details(name, group, resource))


MODIFIED = "the object has been modified; please apply your changes to the latest version and try again"


def apply_conflict(message: str, causes: list) -> ApiError:
    return ApiError(409, "Conflict", message, {"causes": causes})


def forbidden(resource: str, group: str, name: str, why: str) -> ApiError:
    if not resource:
        message = f"forbidden: {why}"
    elif not name:
        message = f"{qualified(resource, group)} is forbidden: {why}"
    else:
        message = f"{qualified(resource, group)} {quote(name)} is forbidden: {why}"
    return ApiError(403, "Forbidden", message, _details(name, group, resource))


def unauthorized() -> ApiError:
    return ApiError(401, "Unauthorized", "Unauthorized")


class FieldError:
    """One entry of an Invalid error (k8s.io/apimachinery/pkg/util/validation/field)."""

    TYPES = {
        "Required": ("FieldValueRequired", "Required value"),
        "Invalid": ("FieldValueInvalid", "Invalid value"),
        "NotSupported": ("FieldValueNotSupported", "Unsupported value"),
        "Duplicate": ("FieldValueDuplicate", "Duplicate value"),
        "Forbidden": ("FieldValueForbidden", "Forbidden"),
        "TooLong": ("FieldValueTooLong", "Too long"),
    }

    def __init__(self, kind: str, field: str, detail: str = "", value=None, has_value: bool = False):
        self.kind = kind
        self.field = field
        self.detail = detail
        self.value = value
        self.has_value = has_value

    def body(self) -> str:
        """The message without the field path: `Invalid value: "X": detail`."""
        _, text = self.TYPES[self.kind]
        parts = [text]
        if self.has_value:
            parts[0] += ": " + go_value(self.value)
        if self.detail:
            parts.append(self.detail)
        return ": ".join(parts)

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}"


def go_value(value) -> str:
    if isinstance(value, str):
        return quote(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def invalid(kind: str, group: str, name: str, errors: list[FieldError]) -> ApiError:
    qualified_kind = f"{kind}.{group}" if group else kind
    if len(errors) == 1:
        summary = str(errors[0])
    else:
        summary = "[" + ", ".join(str(e) for e in errors) + "]"
    details = _details(name, group, kind)
    details["causes"] = [
        {"reason": FieldError.TYPES[e.kind][0], "message": e.body(), "field": e.field} for e in errors
    ]
    return ApiError(422, "Invalid", f"{qualified_kind} {quote(name)} is invalid: {summary}", details)


def bad_request(message: str) -> ApiError:
    return ApiError(400, "BadRequest", message)


def method_not_supported(resource: str, group: str, action: str) -> ApiError:
    return ApiError(405, "MethodNotAllowed",
                    f"{action} is not supported on resources of kind {quote(qualified(resource, group))}",
                    _details("", group, resource))


def unsupported_media_type(content_type: str, accepted: list[str]) -> ApiError:
    return ApiError(415, "UnsupportedMediaType",
                    "the body of the request was in an unknown format - accepted media types include: "
                    + ", ".join(accepted))


def not_acceptable(accepted: list[str]) -> ApiError:
    return ApiError(406, "NotAcceptable",
                    "only the following media types are accepted: " + ", ".join(accepted))


def internal_error(why: str) -> ApiError:
    return ApiError(500, "InternalError", f"Internal error occurred: {why}", {"causes": [{"message": why}]})


def service_unavailable(why: str) -> ApiError:
    return ApiError(503, "ServiceUnavailable", why)


def gone(message: str) -> ApiError:
    return ApiError(410, "Expired", message)


def timeout(message: str, retry_after: int = 1) -> ApiError:
    return ApiError(504, "Timeout", message, {"retryAfterSeconds": retry_after})


def generic(code: int, message: str | None = None) -> ApiError:
    """A Status for an injected or otherwise plain HTTP failure code."""
    reasons = {
        400: ("BadRequest", "the server rejected our request for an unknown reason"),
        401: ("Unauthorized", "Unauthorized"),
        403: ("Forbidden", "forbidden"),
        404: ("NotFound", "the server could not find the requested resource"),
        405: ("MethodNotAllowed", "the server does not allow this method on the requested resource"),
        409: ("Conflict", "the server reported a conflict"),
        410: ("Expired", "the resource version is too old"),
        422: ("Invalid", "the server rejected our request due to an error in our request"),
        429: ("TooManyRequests", "Too many requests, please try again later."),
        500: ("InternalError", "an error on the server has prevented the request from succeeding"),
        502: ("InternalError", "bad gateway"),
        503: ("ServiceUnavailable", "the server is currently unable to handle the request"),
        504: ("Timeout", "the server was unable to return a response in the time allotted"),
    }
    reason, default = reasons.get(code, ("", f"the server responded with status code {code}"))
    return ApiError(code, reason, message or default)
