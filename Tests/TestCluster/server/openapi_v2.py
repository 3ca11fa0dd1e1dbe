"""OpenAPI v2 (`/openapi/v2`), in JSON or in gnostic's protobuf form.

kubectl up to 1.28 reads the v2 document (protobuf only; the
client asks for `…spec.v2@v1.0+protobuf`, the server answers with the dotted
form `…spec.v2.v1.0+protobuf`, as kube-openapi does: Go's MIME parser refuses `@`) to learn whether
the server validates fields itself (a PATCH operation with a `fieldValidation`
query parameter and the kind's `x-kubernetes-group-version-kind`). The
document lists every served path; definitions are given for custom resources
only (built-in kinds have no field schemas here, so kubectl falls back to its
compiled-in knowledge, as it does for kinds a server does not describe).
"""

from __future__ import annotations

import json

PROTOBUF_V2 = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
PROTOBUF_V2_DEPRECATED = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"


def wants_protobuf(accept: str | None) -> bool | None:
    """True for protobuf, False for JSON, None when neither is acceptable."""
    for entry in (accept or "application/json").split(","):
        media = entry.split(";")[0].strip().lower()
        if media in (PROTOBUF_V2, PROTOBUF_V2_DEPRECATED):
            return True
        if media in ("application/json", "*/*", "application/*"):
            return False
    return None


def document(cluster, types: list) -> dict:
    paths: dict = {}
    definitions: dict = {}
    for rt in types:
        prefix = f"/apis/{rt.group}/{rt.version}" if rt.group else "/api/v1"
        scope = f"{prefix}/namespaces/{{namespace}}" if rt.namespaced else prefix
        gvk = {"group": rt.group, "kind": rt.kind, "version": rt.version}
        path_params = [_param("namespace", "path")] if rt.namespaced else []
        name_param = [_param("name", "path")]

        def op(action: str, params: list) -> dict:
            return {"description": f"{action} {rt.kind}", "operationId": f"{action}{rt.kind}",
                    "consumes": ["*/*"], "produces": ["application/json"], "schemes": ["https"],
                    "tags": [rt.group or "core"],
                    "parameters": [_param(p, "query") for p in params],
                    "responses": {"200": {"description": "OK"}, "401": {"description": "Unauthorized"}},
                    "x-kubernetes-action": action, "x-kubernetes-group-version-kind": gvk}

        writes = ["dryRun", "fieldManager", "fieldValidation"]
        collection = {"parameters": path_params}
        if "list" in rt.verbs:
            collection["get"] = op("list", ["labelSelector", "fieldSelector", "limit", "continue",
                                            "resourceVersion", "watch", "timeoutSeconds"])
        if "create" in rt.verbs:
            collection["post"] = op("post", writes)
        paths[f"{scope}/{rt.resource}"] = collection
        item = {"parameters": path_params + name_param}
        if "get" in rt.verbs:
            item["get"] = op("get", [])
        if "update" in rt.verbs:
            item["put"] = op("put", writes)
        if "patch" in rt.verbs:
            item["patch"] = op("patch", writes + ["force"])
        if "delete" in rt.verbs:
            item["delete"] = op("delete", ["dryRun", "gracePeriodSeconds", "propagationPolicy"])
        paths[f"{scope}/{rt.resource}/{{name}}"] = item
        if rt.custom:
            name = ".".join(reversed(rt.group.split("."))) + f".{rt.version}.{rt.kind}"
            definitions[name] = {"type": "object", "description": f"{rt.kind} ({rt.api_version})",
                                 "x-kubernetes-group-version-kind": [gvk]}
    return {"swagger": "2.0", "info": {"title": "Kubernetes", "version": f"v{cluster.kube_version}"},
            "paths": paths, "definitions": definitions}


def _param(name: str, where: str) -> dict:
    param = {"name": name, "in": where, "type": "string", "uniqueItems": True, "description": name}
    if where == "path":
        param["required"] = True
    return param


# MARK: gnostic protobuf encoding (openapiv2/OpenAPIv2.proto field numbers)

def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _string(number: int, text: str) -> bytes:
    return _field(number, text.encode()) if text else b""


def _bool(number: int, value: bool) -> bytes:
    return _varint(number << 3) + _varint(1) if value else b""


def _named_any(name: str, value) -> bytes:
    # NamedAny{name=1, value=2 Any{yaml=2}}; JSON text is YAML.
    return _string(1, name) + _field(2, _string(2, json.dumps(value, separators=(",", ":"))))


def _parameter(p: dict) -> bytes:
    if p["in"] == "path":
        sub = (_bool(1, p.get("required", False)) + _string(2, "path") + _string(3, p.get("description", "")) +
               _string(4, p["name"]) + _string(5, p.get("type", "")) + _bool(19, p.get("uniqueItems", False)))
        non_body = _field(4, sub)
    else:
        sub = (_bool(1, p.get("required", False)) + _string(2, "query") + _string(3, p.get("description", "")) +
               _string(4, p["name"]) + _string(6, p.get("type", "")) + _bool(20, p.get("uniqueItems", False)))
        non_body = _field(3, sub)
    # ParametersItem{parameter=1 Parameter{non_body_parameter=2}}
    return _field(1, _field(2, non_body))


def _operation(op: dict) -> bytes:
    out = b"".join(_string(1, t) for t in op.get("tags", []))
    out += _string(3, op.get("description", "")) + _string(5, op.get("operationId", ""))
    out += b"".join(_string(6, t) for t in op.get("produces", []))
    out += b"".join(_string(7, t) for t in op.get("consumes", []))
    out += b"".join(_field(8, _parameter(p)) for p in op.get("parameters", []))
    responses = b"".join(
        _field(1, _string(1, code) + _field(2, _field(1, _string(1, r.get("description", ""))))) for code, r in
        op.get("responses", {}).items())
    out += _field(9, responses)
    out += b"".join(_string(10, s) for s in op.get("schemes", []))
    out += b"".join(_field(13, _named_any(k, v)) for k, v in op.items() if k.startswith("x-"))
    return out


_OPERATIONS = {"get": 2, "put": 3, "post": 4, "delete": 5, "patch": 8}


def _path_item(item: dict) -> bytes:
    out = b""
    for verb, number in _OPERATIONS.items():
        if verb in item:
            out += _field(number, _operation(item[verb]))
    out += b"".join(_field(9, _parameter(p)) for p in item.get("parameters", []))
    return out


def _schema(schema: dict) -> bytes:
    out = _string(4, schema.get("description", ""))
    if schema.get("type"):
        out += _field(22, _string(1, schema["type"]))
    out += b"".join(_field(31, _named_any(k, v)) for k, v in schema.items() if k.startswith("x-"))
    return out


def encode(doc: dict) -> bytes:
    out = _string(1, doc["swagger"])
    out += _field(2, _string(1, doc["info"]["title"]) + _string(2, doc["info"]["version"]))
    paths = b"".join(_field(2, _string(1, path) + _field(2, _path_item(item))) for path, item in doc["paths"].items())
    out += _field(8, paths)
    definitions = b"".join(_field(1, _string(1, name) + _field(2, _schema(schema)))
                           for name, schema in doc["definitions"].items())
    out += _field(9, definitions)
    return out
