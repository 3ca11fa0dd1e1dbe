"""Requests answered on the spot: access reviews, token reviews, whoami, TokenRequest."""

from __future__ import annotations

import datetime

import objects
import status as st
from auth import User
from exchange import Request, Response
from rbac import Attributes


def _meta() -> dict:
    return {"creationTimestamp": None}


class Reviews:
    def __init__(self, cluster):
        self.c = cluster

    def _body(self, req: Request, rt) -> dict:
        obj = self.c.api.writes.decode(req, rt)
        if not isinstance(obj.get("spec", {}), dict):
            raise st.bad_request("spec must be an object")
        return obj

    def review(self, req: Request, rt) -> Response:
        body = self._body(req, rt)
        spec = body.get("spec") or {}
        user: User = req.user
        out = {"kind": rt.kind, "apiVersion": rt.api_version, "metadata": _meta(), "spec": spec}
        if rt.resource == "selfsubjectaccessreviews":
            out["status"] = self._access(user, spec)
        elif rt.resource == "subjectaccessreviews":
            subject = User(spec.get("user", ""), list(spec.get("groups") or []), spec.get("uid", ""))
            out["status"] = self._access(subject, spec)
        elif rt.resource == "selfsubjectrulesreviews":
            out["status"] = self._rules(user, spec.get("namespace", ""))
        elif rt.resource == "tokenreviews":
            out["status"] = self._token_review(spec)
        elif rt.resource == "selfsubjectreviews":
            out["status"] = {"userInfo": user.info()}
        return Response.json(201, out)

    def _access(self, user: User, spec: dict) -> dict:
        resource = spec.get("resourceAttributes")
        non_resource = spec.get("nonResourceAttributes")
        if isinstance(resource, dict):
            attrs = Attributes(verb=resource.get("verb", ""), group=resource.get("group", ""),
                               version=resource.get("version", ""), resource=resource.get("resource", ""),
                               subresource=resource.get("subresource", ""),
                               namespace=resource.get("namespace", ""), name=resource.get("name", ""))
        elif isinstance(non_resource, dict):
            attrs = Attributes(verb=non_resource.get("verb", ""), path=non_resource.get("path", ""),
                               resource_request=False)
        else:
            raise st.invalid("SelfSubjectAccessReview", "authorization.k8s.io", "", [st.FieldError(
                "Invalid", "spec.resourceAttributes", "exactly one of nonResourceAttributes or resourceAttributes "
                "must be specified", None, False)])
        allowed, reason = self.c.authorizer.authorize(user, attrs)
        status = {"allowed": allowed}
        if reason:
            status["reason"] = reason
        return status

    def _rules(self, user: User, namespace: str) -> dict:
        resource_rules, non_resource_rules = [], []
        for rule in self.c.authorizer.rules_for(user, namespace):
            if rule.get("nonResourceURLs"):
                non_resource_rules.append({"verbs": rule.get("verbs") or [],
                                           "nonResourceURLs": rule["nonResourceURLs"]})
            else:
                entry = {"verbs": rule.get("verbs") or [], "apiGroups": rule.get("apiGroups") or [],
                         "resources": rule.get("resources") or []}
                if rule.get("resourceNames"):
                    entry["resourceNames"] = rule["resourceNames"]
                resource_rules.append(entry)
        return {"resourceRules": resource_rules, "nonResourceRules": non_resource_rules, "incomplete": False}

    def _token_review(self, spec: dict) -> dict:
        token = spec.get("token", "")
        user = self.c.authenticator.token_user(token) if token else None
        if user is None:
            return {"authenticated": False, "user": {}, "error": "[invalid bearer token, service account token "
                                                                "has been invalidated]"}
        user.groups.append("system:authenticated")
        audiences = spec.get("audiences") or [self.c.audience]
        return {"authenticated": True, "user": user.info(), "audiences": audiences}

    def token_request(self, req: Request, target) -> Response:
        rt = self.c.registry.find("authentication.k8s.io", "v1", "tokenreviews")
        body = self.c.api.writes.decode(req, rt, allow_protobuf=True) if req.body.strip() else {}
        spec = dict(body.get("spec") or {})
        account = self.c.store.get(("", "serviceaccounts"), target.namespace or "", target.name)
        if account is None:
            raise st.not_found("serviceaccounts", "", target.name)
        expiration = spec.get("expirationSeconds", 3600)
        if not isinstance(expiration, int) or expiration < 600:
            raise st.invalid("TokenRequest", "authentication.k8s.io", target.name, [st.FieldError(
                "Invalid", "spec.expirationSeconds", "may not specify a duration less than 10 minutes", expiration,
                True)])
        if expiration > 2 ** 32:
            raise st.invalid("TokenRequest", "authentication.k8s.io", target.name, [st.FieldError(
                "TooLong", "spec.expirationSeconds", "may not specify a duration larger than 2^32 seconds")])
        audiences = spec.get("audiences") or [self.c.audience]
        bound = spec.get("boundObjectRef")
        if isinstance(bound, dict) and bound.get("kind") in ("Pod", "Secret"):
            key = ("", "pods") if bound["kind"] == "Pod" else ("", "secrets")
            obj = self.c.store.get(key, target.namespace or "", bound.get("name", ""))
            if obj is None:
                raise st.not_found(key[1], "", bound.get("name", ""))
            bound = {"kind": bound["kind"], "name": bound.get("name", ""), "uid": obj["metadata"].get("uid")}
        else:
            bound = None
        token, expiry = self.c.signer.bound_token(target.namespace or "", target.name,
                                                  account["metadata"].get("uid", ""), audiences, expiration, bound)
        spec["audiences"] = audiences
        spec["expirationSeconds"] = expiration
        spec.setdefault("boundObjectRef", None)
        stamp = datetime.datetime.fromtimestamp(expiry, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        out = {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
               "metadata": {"name": target.name, "namespace": target.namespace,
                            "creationTimestamp": objects.now()},
               "spec": spec, "status": {"token": token, "expirationTimestamp": stamp}}
        return Response.json(201, out)
