"""delete and deletecollection: DeleteOptions, preconditions, finalizers, propagation."""

from __future__ import annotations

import objects
import status as st
from exchange import PROTOBUF, Request, Response, parse_json
from jsoncopy import jcopy
from reads import present
from selection import FieldSelector, LabelSelector


# kube's NamespaceLifecycle admission refuses to delete these.
IMMORTAL_NAMESPACES = ("default", "kube-system", "kube-public")


class Deletion:
    def __init__(self, cluster):
        self.c = cluster

    def _delete_options(self, req: Request) -> dict:
        options = {}
        if req.body.strip():
            if req.content_type() == PROTOBUF:
                body = self.c.protobuf.decode_object(req.body)
            else:
                body = parse_json(req.body)
            if isinstance(body, dict):
                options.update(body)
        for key in ("propagationPolicy", "gracePeriodSeconds", "orphanDependents"):
            if key in req.query:
                options[key] = req.query[key]
        policy = options.get("propagationPolicy")
        if policy is None and str(options.get("orphanDependents", "")).lower() == "true":
            policy = "Orphan"
        if policy not in (None, "Orphan", "Background", "Foreground"):
            raise st.ApiError(422, "Invalid", f'DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: '
                                              f'Unsupported value: "{policy}": supported values: "Foreground", '
                                              '"Background", "Orphan", "nil"')
        options["propagationPolicy"] = policy
        return options

    def delete(self, req: Request, target) -> Response:
        rt = target.rtype
        if target.subresource:
            raise st.generic(405)
        options = self._delete_options(req)
        with self.c.store.lock:
            obj = self.c.store.get(rt.storage_key, target.namespace or "", target.name)
            if obj is None:
                raise st.not_found(rt.resource, rt.group, target.name)
            self._preconditions(rt, obj, options.get("preconditions"))
            return self._delete_one(req, rt, obj, options)

    def _preconditions(self, rt, obj: dict, pre) -> None:
        if not isinstance(pre, dict):
            return
        meta = obj["metadata"]
        if pre.get("uid") and pre["uid"] != meta.get("uid"):
            raise st.conflict(rt.resource, rt.group, meta["name"],
                              f"Precondition failed: UID in precondition: {pre['uid']}, UID in object meta: "
                              f"{meta.get('uid')}")
        if pre.get("resourceVersion") and pre["resourceVersion"] != meta.get("resourceVersion"):
            raise st.conflict(rt.resource, rt.group, meta["name"],
                              f"Precondition failed: ResourceVersion in precondition: {pre['resourceVersion']}, "
                              f"ResourceVersion in object meta: {meta.get('resourceVersion')}")

    def _delete_one(self, req: Request, rt, obj: dict, options: dict) -> Response:
        meta = obj["metadata"]
        policy = options.get("propagationPolicy")
        dry_run = req.dry_run()
        finalizers = list(meta.get("finalizers") or [])
        if rt.group == "" and rt.kind == "Namespace":
            if meta["name"] in IMMORTAL_NAMESPACES:
                raise st.forbidden("namespaces", "", meta["name"], "this namespace may not be deleted")
            if not meta.get("deletionTimestamp"):
                meta["deletionTimestamp"] = objects.now()
                meta["deletionGracePeriodSeconds"] = 0
                obj.setdefault("status", {})["phase"] = "Terminating"
                if not dry_run:
                    obj = self.c.store.commit(rt.storage_key, obj)
            return Response.json(200, present(obj, rt))
        if policy == "Foreground" and "foregroundDeletion" not in finalizers and self.c.has_dependents(obj):
            finalizers.append("foregroundDeletion")
        if policy == "Orphan" and "orphan" not in finalizers and self.c.has_dependents(obj):
            finalizers.append("orphan")
        if finalizers:
            if not meta.get("deletionTimestamp"):
                meta["deletionTimestamp"] = objects.now()
                meta["deletionGracePeriodSeconds"] = 0
                if rt.has_generation or rt.custom:
                    meta["generation"] = int(meta.get("generation", 1)) + 1
            meta["finalizers"] = finalizers
            if not dry_run:
                obj = self.c.store.commit(rt.storage_key, obj)
            return Response.json(200, present(obj, rt))
        if not dry_run:
            self.c.store.delete(rt.storage_key, meta.get("namespace", ""), meta["name"])
        details = {"name": meta["name"]}
        if rt.group:
            details["group"] = rt.group
        details["kind"] = rt.resource
        details["uid"] = meta.get("uid", "")
        return Response.json(200, {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success",
                                   "details": details})

    def delete_collection(self, req: Request, target) -> Response:
        rt = target.rtype
        if rt.namespaced and target.namespace is None:
            raise st.generic(405)
        labels = LabelSelector.parse(req.query.get("labelSelector"))
        fields = FieldSelector.parse(req.query.get("fieldSelector"), rt.group, rt.resource, rt.custom)
        options = self._delete_options(req)
        deleted = []
        with self.c.store.lock:
            items, rv = self.c.store.list(rt.storage_key, target.namespace)
            for obj in items:
                if labels.matches(obj["metadata"].get("labels")) and fields.matches(obj):
                    self._delete_one(req, rt, jcopy(obj), options)
                    deleted.append(present(obj, rt))
        return Response.json(200, {"kind": rt.list_kind, "apiVersion": rt.api_version,
                                   "metadata": {"resourceVersion": str(self.c.store.current_rv())},
                                   "items": deleted})
