"""Requests and responses as the API layer sees them, and content negotiation.

Bodies come in as JSON, YAML (apply and create accept it) or Kubernetes
protobuf (built-in kinds, as client-go's typed clients send them); answers go
out as JSON: an object, a Table or PartialObjectMetadata when the Accept
header asks for one of those, and 406 when the client accepts nothing this
server writes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import parse_qs

import status as st

JSON = "application/json"
YAML = "application/yaml"
PROTOBUF = "application/vnd.kubernetes.protobuf"
JSON_PATCH = "application/json-patch+json"
MERGE_PATCH = "application/merge-patch+json"
STRATEGIC_PATCH = "application/strategic-merge-patch+json"
APPLY_PATCH = "application/apply-patch+yaml"


@dataclass
class Request:
    method: str
    path: str
    raw_query: str
    headers: dict            # lower-case names
    body: bytes
    cert_subject: dict | None = None
    user: object = None
    query: dict = field(default_factory=dict)
    warnings: list = field(default_factory=list)   # sent back as Warning headers
    header_lists: dict = field(default_factory=dict)  # lower-case name → every value (repeated headers)
    connection: int = 0      # which TCP connection carried it (1, 2, … in order of accept)
    tls_resumed: bool = False  # its connection resumed an earlier TLS session

    def __post_init__(self):
        self.query = {k: v[-1] for k, v in parse_qs(self.raw_query, keep_blank_values=True).items()}

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def header_values(self, name: str) -> list:
        return list(self.header_lists.get(name.lower(), []))

    def content_type(self) -> str:
        return (self.header("content-type") or "").split(";")[0].strip().lower()

    def flag(self, name: str) -> bool:
        return self.query.get(name, "").lower() in ("1", "true", "t", "yes", "y")

    def dry_run(self) -> bool:
        values = parse_qs(self.raw_query).get("dryRun", [])
        options = {"POST": "CreateOptions", "PUT": "UpdateOptions", "PATCH": "PatchOptions"}.get(self.method,
                                                                                               "DeleteOptions")
        for v in values:
            if v != "All":
                raise st.ApiError(422, "Invalid",
                                  f'{options}.meta.k8s.io "" is invalid: dryRun: Unsupported value: "{v}": '
                                  'supported values: "All"')
        return bool(values)


# kube-apiserver gzips responses above 128 KiB for clients that accept it (never watch streams).
GZIP_THRESHOLD = 128 * 1024


def gzip_applies(response: "Response", accept_encoding: str | None) -> bool:
    """Whether `response` goes out gzip-compressed to a client that sent `accept_encoding`."""
    if response.stream is not None or len(response.body) <= GZIP_THRESHOLD:
        return False
    return any(part.split(";")[0].strip().lower() == "gzip" for part in (accept_encoding or "").split(","))


@dataclass
class Response:
    code: int
    body: bytes = b""
    content_type: str = JSON
    headers: dict = field(default_factory=dict)
    stream: object = None    # an iterator of byte chunks (watch), sent chunked

    @staticmethod
    def json(code: int, doc, headers: dict | None = None) -> "Response":
        return Response(code, (json.dumps(doc, separators=(",", ":"), ensure_ascii=False) + "\n").encode(), JSON,
                        headers or {})

    @staticmethod
    def error(err: st.ApiError) -> "Response":
        return Response.json(err.code, err.status(), err.headers)

    @staticmethod
    def text(code: int, text: str) -> "Response":
        return Response(code, text.encode(), "text/plain; charset=utf-8")


@dataclass
class Wanted:
    """What the client asked to get back."""

    shape: str = "object"    # object, table, metadata
    include_object: str = "Metadata"


def negotiate(accept: str | None, query: dict) -> Wanted:
    if not accept:
        return Wanted()
    for entry in accept.split(","):
        parts = [p.strip() for p in entry.split(";")]
        media = parts[0].lower()
        params = {}
        for p in parts[1:]:
            k, _, v = p.partition("=")
            params[k.strip().lower()] = v.strip()
        if media not in (JSON, "*/*", "application/*"):
            continue
        shape = params.get("as")
        if shape is None:
            return Wanted()
        if params.get("g") != "meta.k8s.io":
            continue
        if shape == "Table" and params.get("v") in ("v1", "v1beta1"):
            return Wanted("table", query.get("includeObject", "Metadata"))
        if shape in ("PartialObjectMetadata", "PartialObjectMetadataList") and params.get("v") in ("v1", "v1beta1"):
            return Wanted("metadata")
    raise st.not_acceptable([JSON])


def parse_json(body: bytes):
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise st.bad_request(f"error decoding JSON: {e}") from None
