"""Request routing: discovery, non-resource paths, and resource requests.

`Api.handle` turns one authenticated `Request` into a `Response`. Resource
URLs are parsed the way kube-apiserver's RequestInfo does (`/api/v1/…`,
`/apis/GROUP/VERSION/…`, optional `namespaces/NS/`, name, subresource, the
legacy `/watch/` prefix), authorized with RBAC, then served by `reads.py`,
`writes.py` or `reviews.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

import status as st
from exchange import Request, Response
from rbac import Attributes, forbidden_error
from resources import REVIEW_RESOURCES, ResourceType, aggregated_discovery, wants_aggregated


@dataclass
class Target:
    """A parsed resource URL."""

    rtype: ResourceType
    namespace: str | None
    name: str
    subresource: str
    rest: str               # what follows the subresource (proxy paths)
    legacy_watch: bool = False


class Api:
    def __init__(self, cluster):
        self.c = cluster
        from deletion import Deletion
        from patching import Patching
        from reads import Reads
        from reviews import Reviews
        from scale import Scale
        from writes import Writes
        self.reads = Reads(cluster)
        self.writes = Writes(cluster)
        self.patching = Patching(cluster, self.writes)
        self.deletion = Deletion(cluster)
        self.scale = Scale(cluster, self.writes)
        self.reviews = Reviews(cluster)

    def handle(self, req: Request) -> Response:
        try:
            response = self._route(req)
        except st.ApiError as e:
            response = Response.error(e)
        if req.warnings:
            response.headers["Warning"] = ", ".join('299 - "' + w.replace('"', '\\"') + '"' for w in req.warnings)
        return response

    def _route(self, req: Request) -> Response:
        path = req.path
        parts = [p for p in path.split("/") if p]
        if parts[:2] == ["api", "v1"] and len(parts) > 2:
            return self._resource(req, "", "v1", parts[2:])
        if parts and parts[0] == "apis" and len(parts) > 3:
            return self._resource(req, parts[1], parts[2], parts[3:])
        return self._non_resource(req, parts)

    # MARK: non-resource paths

    def _non_resource(self, req: Request, parts: list) -> Response:
        self._authorize(req, Attributes(verb=req.method.lower(), path=req.path, resource_request=False))
        if req.method not in ("GET", "HEAD"):
            if parts and parts[0] in ("api", "apis"):
                return Response.error(st.generic(405))
            return Response.text(404, "404 page not found\n")
        registry = self.c.registry
        if parts == ["version"]:
            return Response.json(200, self.c.version_info())
        if parts and parts[0] in ("healthz", "livez", "readyz") and len(parts) <= 2:
            return Response.text(200, "ok")
        if parts in (["api"], ["apis"]):
            aggregated = wants_aggregated(req.header("accept"))
            if aggregated:
                doc = aggregated_discovery(registry, parts == ["api"], f"apidiscovery.k8s.io/{aggregated}")
                response = Response.json(200, doc)
                response.content_type = (f"application/json;g=apidiscovery.k8s.io;v={aggregated};"
                                         "as=APIGroupDiscoveryList")
                return response
        if parts == ["api"]:
            return Response.json(200, registry.api_versions(self.c.advertised_address))
        if parts == ["api", "v1"]:
            return Response.json(200, registry.resource_list("", "v1"))
        if parts == ["apis"]:
            return Response.json(200, registry.api_group_list())
        if len(parts) == 2 and parts[0] == "apis":
            doc = registry.api_group_document(parts[1])
            if doc is None:
                raise st.path_not_found()
            return Response.json(200, doc)
        if len(parts) == 3 and parts[0] == "apis":
            doc = registry.resource_list(parts[1], parts[2])
            if doc is None:
                raise st.path_not_found()
            return Response.json(200, doc)
        if parts and parts[0] == "openapi":
            return self.c.openapi.handle(req, parts)
        if parts and parts[0] in ("api", "apis"):
            raise st.path_not_found()
        return Response.text(404, "404 page not found\n")

    # MARK: resource requests

    def _resource(self, req: Request, group: str, version: str, parts: list) -> Response:
        target = self._parse(group, version, parts)
        verb = self._verb(req, target)
        rt = target.rtype
        if verb not in rt.verbs and not target.subresource:
            raise st.method_not_supported(rt.resource, rt.group, verb)
        if target.subresource:
            sub = rt.subresources.get(target.subresource)
            if sub is None:
                raise st.path_not_found()
            if verb not in sub[1]:
                raise st.method_not_supported(f"{rt.resource}/{target.subresource}", rt.group, verb)
        attrs = Attributes(verb=verb, group=rt.group, version=rt.version, resource=rt.resource,
                           subresource=target.subresource, namespace=target.namespace or "", name=target.name)
        self._authorize(req, attrs)
        if (rt.group, rt.resource) in REVIEW_RESOURCES:
            return self.reviews.review(req, rt)
        if target.subresource == "token":
            return self.reviews.token_request(req, target)
        if target.subresource == "proxy":
            return self.c.proxy.handle(req, target)
        if target.subresource == "log":
            return self.c.proxy.log(req, target)
        if target.subresource == "scale":
            return self.scale.handle(req, target, verb)
        if verb in ("get",):
            return self.reads.get(req, target)
        if verb in ("list", "watch"):
            return self.reads.list_or_watch(req, target, verb == "watch")
        if verb == "create":
            return self.writes.create(req, target)
        if verb == "update":
            return self.writes.update(req, target)
        if verb == "patch":
            return self.patching.patch(req, target)
        if verb == "delete":
            return self.deletion.delete(req, target)
        if verb == "deletecollection":
            return self.deletion.delete_collection(req, target)
        raise st.generic(405)

    def _parse(self, group: str, version: str, parts: list) -> Target:
        legacy_watch = False
        if parts and parts[0] == "watch":
            legacy_watch = True
            parts = parts[1:]
        namespace = None
        if len(parts) >= 3 and parts[0] == "namespaces" and not (len(parts) == 3 and parts[2] in ("status",
                                                                                                   "finalize")):
            namespace = parts[1]
            parts = parts[2:]
        if not parts:
            raise st.path_not_found()
        rt = self.c.registry.find(group, version, parts[0])
        if rt is None:
            raise st.path_not_found()
        name = parts[1] if len(parts) > 1 else ""
        sub = parts[2] if len(parts) > 2 else ""
        rest = "/".join(parts[3:])
        if rest and sub != "proxy":
            raise st.path_not_found()
        if namespace is not None and not rt.namespaced:
            raise st.path_not_found()
        if rt.namespaced and namespace is None and name:
            raise st.path_not_found()
        return Target(rt, namespace, name, sub, rest, legacy_watch)

    def _verb(self, req: Request, target: Target) -> str:
        m = req.method
        if target.legacy_watch:
            if m != "GET":
                raise st.generic(405)
            return "watch"
        if target.subresource == "proxy":
            return {"GET": "get", "HEAD": "get", "POST": "create", "PUT": "update", "PATCH": "patch",
                    "DELETE": "delete"}.get(m, "get")
        if m in ("GET", "HEAD"):
            if target.name:
                return "get"
            return "watch" if req.flag("watch") else "list"
        if m == "POST":
            if target.name and not target.subresource:
                raise st.generic(405)
            return "create"
        if m == "PUT":
            if not target.name:
                raise st.generic(405)
            return "update"
        if m == "PATCH":
            if not target.name:
                raise st.generic(405)
            return "patch"
        if m == "DELETE":
            return "delete" if target.name else "deletecollection"
        raise st.generic(405)

    def _authorize(self, req: Request, attrs: Attributes) -> None:
        allowed, _ = self.c.authorizer.authorize(req.user, attrs)
        if not allowed:
            raise forbidden_error(req.user, attrs)
