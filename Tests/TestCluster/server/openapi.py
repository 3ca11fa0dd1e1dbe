"""OpenAPI v3 documents (`/openapi/v3`, `/openapi/v3/api/v1`, `/openapi/v3/apis/GROUP/VERSION`).

They describe every served path and operation with the vendor extensions
clients read (`x-kubernetes-action`, `x-kubernetes-group-version-kind`) and the
query parameters each operation takes, `fieldValidation` included, so kubectl's
default validation asks this server to validate instead of validating itself.
Schemas: a custom resource gets its CRD's `openAPIV3Schema`; built-in kinds get
an object schema with their group-version-kind (this server carries no field
schemas for them). `/openapi/v2` is in openapi_v2.py.
"""

from __future__ import annotations

import hashlib
import json

import openapi_v2
import status as st
from exchange import Request, Response

COMMON = [("pretty", "If 'true', then the output is pretty printed.")]
WRITE = [
    ("dryRun", "When present, indicates that modifications should not be persisted. Valid values are: - All"),
    ("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes."),
    ("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request (POST/PUT/"
                        "PATCH) containing unknown or duplicate fields. Valid values are: Ignore, Warn, Strict."),
]
LIST = [(name, name) for name in ("allowWatchBookmarks", "continue", "fieldSelector", "labelSelector", "limit",
                                  "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds",
                                  "watch")]
DELETE = [(name, name) for name in ("dryRun", "gracePeriodSeconds", "ignoreStoreReadErrorWithClusterBreakingPotential",
                                    "orphanDependents", "propagationPolicy")]
# Strategic merge patch is accepted for built-in kinds but not advertised: kubectl computes such
# patches from the document's schemas when it is listed, and this server carries no field schemas
# for built-in kinds, so kubectl should use its compiled-in knowledge instead (as it does when a
# server does not list it). Custom resources do not take it at all.
PATCH_TYPES = ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"]


def _param(name: str, description: str, where: str = "query", schema_type: str = "string") -> dict:
    param = {"name": name, "in": where, "description": description, "schema": {"type": schema_type,
                                                                                "uniqueItems": True}}
    if where == "path":
        param["required"] = True
    return param


def _schema_name(rt) -> str:
    group = rt.group or "core"
    if rt.custom:
        return ".".join(reversed(rt.group.split("."))) + f".{rt.version}.{rt.kind}"
    return f"io.k8s.api.{group.split('.')[0]}.{rt.version}.{rt.kind}"


class OpenAPI:
    def __init__(self, cluster):
        self.c = cluster

    def handle(self, req: Request, parts: list) -> Response:
        if parts == ["openapi", "v2"]:
            return self._v2(req)
        if parts[:2] != ["openapi", "v3"]:
            raise st.path_not_found()
        if len(parts) == 2:
            return Response.json(200, self.root())
        gv = "/".join(parts[2:])
        doc = self.document(gv)
        if doc is None:
            raise st.path_not_found()
        body = json.dumps(doc, separators=(",", ":")).encode()
        etag = '"' + hashlib.sha512(body).hexdigest().upper() + '"'
        response = Response(200, body, "application/json")
        response.headers["Etag"] = etag
        if "hash" in req.query:
            response.headers["Cache-Control"] = "public, immutable"
        return response

    def _v2(self, req: Request) -> Response:
        protobuf = openapi_v2.wants_protobuf(req.header("accept"))
        if protobuf is None:
            raise st.not_acceptable(["application/json", openapi_v2.PROTOBUF_V2])
        doc = openapi_v2.document(self.c, self.c.registry.all())
        if protobuf:
            body = openapi_v2.encode(doc)
            response = Response(200, body, openapi_v2.PROTOBUF_V2)
        else:
            response = Response.json(200, doc)
        response.headers["Etag"] = '"' + hashlib.sha512(response.body).hexdigest().upper() + '"'
        return response

    def _group_versions(self) -> list:
        seen = []
        for t in self.c.registry.all():
            path = f"apis/{t.group}/{t.version}" if t.group else "api/v1"
            if path not in seen:
                seen.append(path)
        return seen

    def root(self) -> dict:
        paths = {}
        for gv in self._group_versions():
            doc = self.document(gv)
            digest = hashlib.sha512(json.dumps(doc, sort_keys=True).encode()).hexdigest()[:128].upper()
            paths[gv] = {"serverRelativeURL": f"/openapi/v3/{gv}?hash={digest}"}
        return {"paths": paths}

    def document(self, gv: str) -> dict | None:
        parts = gv.split("/")
        if parts == ["api", "v1"]:
            group, version = "", "v1"
        elif len(parts) == 3 and parts[0] == "apis":
            group, version = parts[1], parts[2]
        else:
            return None
        types = [t for t in self.c.registry.all() if t.group == group and t.version == version]
        if not types:
            return None
        paths: dict = {}
        schemas: dict = {}
        for rt in types:
            self._paths_for(rt, paths)
            schemas[_schema_name(rt)] = self._schema(rt)
        return {"openapi": "3.0.0",
                "info": {"title": "Kubernetes", "version": f"v{self.c.kube_version}"},
                "paths": paths, "components": {"schemas": schemas}}

    def _schema(self, rt) -> dict:
        gvk = [{"group": rt.group, "kind": rt.kind, "version": rt.version}]
        if rt.custom and isinstance(rt.openapi, dict):
            schema = json.loads(json.dumps(rt.openapi))
            props = schema.setdefault("properties", {})
            props.setdefault("apiVersion", {"type": "string"})
            props.setdefault("kind", {"type": "string"})
            props.setdefault("metadata", {"type": "object"})
            schema["x-kubernetes-group-version-kind"] = gvk
            return schema
        return {"type": "object", "description": f"{rt.kind} ({rt.api_version})",
                "properties": {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                               "metadata": {"type": "object"}},
                "x-kubernetes-group-version-kind": gvk}

    def _paths_for(self, rt, paths: dict) -> None:
        prefix = f"/apis/{rt.group}/{rt.version}" if rt.group else "/api/v1"
        ref = {"$ref": f"#/components/schemas/{_schema_name(rt)}"}
        gvk = {"group": rt.group, "kind": rt.kind, "version": rt.version}
        scope = f"{prefix}/namespaces/{{namespace}}" if rt.namespaced else prefix
        path_params = [_param("namespace", "object name and auth scope, such as for teams and projects", "path")] \
            if rt.namespaced else []

        def op(action: str, params: list, body: bool = False, patch: bool = False, ok: str = "200") -> dict:
            operation = {
                "description": f"{action} {rt.kind}",
                "operationId": f"{action}{rt.kind}",
                "parameters": [_param(n, d) for n, d in params],
                "responses": {ok: {"description": "OK", "content": {"application/json": {"schema": ref}}},
                              "401": {"description": "Unauthorized"}},
                "x-kubernetes-action": action,
                "x-kubernetes-group-version-kind": gvk,
            }
            if body:
                types = PATCH_TYPES if patch else ["*/*"]
                operation["requestBody"] = {"content": {t: {"schema": {"type": "object"} if patch else ref}
                                                        for t in types}, "required": True}
            return operation

        verbs = set(rt.verbs)
        collection: dict = {"parameters": path_params + [_param(n, d) for n, d in COMMON]}
        if "list" in verbs:
            collection["get"] = op("list", LIST)
        if "create" in verbs:
            collection["post"] = op("post", WRITE, body=True, ok="201")
        if "deletecollection" in verbs:
            collection["delete"] = op("deletecollection", DELETE + LIST)
        if len(collection) > 1:
            paths[f"{scope}/{rt.resource}"] = collection
        if rt.namespaced and "list" in verbs:
            paths[f"{prefix}/{rt.resource}"] = {"parameters": [_param(n, d) for n, d in COMMON],
                                                "get": op("list", LIST)}
        name_param = [_param("name", f"name of the {rt.kind}", "path")]
        item: dict = {"parameters": path_params + name_param + [_param(n, d) for n, d in COMMON]}
        if "get" in verbs:
            item["get"] = op("get", [])
        if "update" in verbs:
            item["put"] = op("put", WRITE, body=True)
        if "patch" in verbs:
            item["patch"] = op("patch", WRITE + [("force", "Force is going to \"force\" Apply requests.")],
                               body=True, patch=True)
        if "delete" in verbs:
            item["delete"] = op("delete", DELETE)
        if len(item) > 1:
            paths[f"{scope}/{rt.resource}/{{name}}"] = item
        for sub, (kind, sub_verbs, _, _) in rt.subresources.items():
            entry: dict = {"parameters": path_params + name_param + [_param(n, d) for n, d in COMMON]}
            if "get" in sub_verbs:
                entry["get"] = op("get", [])
            if "update" in sub_verbs:
                entry["put"] = op("put", WRITE, body=True)
            if "patch" in sub_verbs:
                entry["patch"] = op("patch", WRITE + [("force", "force")], body=True, patch=True)
            if "create" in sub_verbs and sub != "proxy":
                entry["post"] = op("post", WRITE, body=True, ok="201")
            if len(entry) > 1:
                paths[f"{scope}/{rt.resource}/{{name}}/{sub}"] = entry
