"""create and update (PUT), and `_store`, where every change of an existing object ends.

`_store` applies defaults, validation, the status rules, generation, managed
fields, the no-op check (an unchanged object keeps its resourceVersion) and
dry run, then stores. Patches (patching.py), deletes (deletion.py) and scale
(scale.py) build on it.
"""

from __future__ import annotations

import random

import gotypes
import managed
import objects
import status as st
from exchange import JSON, PROTOBUF, YAML, Request, Response, parse_json
from reads import present
from jsoncopy import jcopy

NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789"


def manager_from_user_agent(agent: str | None) -> str:
    """kube-apiserver names an update's manager after the User-Agent's first word."""
    if not agent:
        return "unknown"
    return agent.split("/", 1)[0][:128] or "unknown"


class Writes:
    def __init__(self, cluster):
        self.c = cluster

    # MARK: decoding

    def decode(self, req: Request, rt, *, allow_protobuf: bool = True) -> dict:
        ctype = req.content_type()
        if ctype in ("", JSON):
            obj = parse_json(req.body)
        elif ctype == YAML:
            obj = self.c.yaml_document(req.body)
        elif ctype == PROTOBUF and allow_protobuf and not rt.custom:
            obj = self.c.protobuf.decode_object(req.body, rt)
        else:
            accepted = [JSON, YAML] + ([PROTOBUF] if allow_protobuf and not rt.custom else [])
            raise st.unsupported_media_type(ctype, accepted)
        if not isinstance(obj, dict):
            raise st.bad_request(f"the object provided is unrecognized (must be of type {rt.kind})")
        return obj

    def _check_type(self, obj: dict, rt) -> None:
        version = obj.get("apiVersion")
        if version and version != rt.api_version:
            raise st.bad_request(f"the API version in the data ({version}) does not match the expected API "
                                 f"version ({rt.api_version})")
        kind = obj.get("kind")
        if kind and kind != rt.kind:
            raise st.bad_request(f"the object provided is unrecognized (must be of type {rt.kind}): "
                                 f"{kind} is not {rt.kind}")
        if not isinstance(obj.get("metadata", {}), dict):
            raise st.bad_request("metadata must be an object")

    def _manager(self, req: Request) -> str:
        manager = req.query.get("fieldManager")
        if manager is not None:
            if len(manager) > 128:
                raise st.ApiError(422, "Invalid", f'fieldManager: Too long: may not be more than 128 bytes')
            return manager
        return manager_from_user_agent(req.header("user-agent"))

    def _namespace_open(self, rt, namespace: str, name: str) -> None:
        if not rt.namespaced:
            return
        ns = self.c.store.get(("", "namespaces"), "", namespace)
        if ns is None:
            raise st.not_found("namespaces", "", namespace)
        if ns["metadata"].get("deletionTimestamp"):
            err = st.forbidden(rt.resource, rt.group, name,
                               f"unable to create new content in namespace {namespace} because it is being "
                               "terminated")
            err.details["causes"] = [{"reason": "NamespaceTerminating",
                                      "message": f"namespace {namespace} is being terminated",
                                      "field": "metadata.namespace"}]
            raise err

    # MARK: create

    def create(self, req: Request, target) -> Response:
        rt = target.rtype
        if rt.namespaced and target.namespace is None:
            raise st.generic(405)
        obj = self.decode(req, rt)
        self._check_type(obj, rt)
        return self._create(req, rt, target.namespace, obj, self._manager(req), "")

    def _create(self, req: Request, rt, namespace: str | None, obj: dict, manager: str, applied_by: str,
                entries: list | None = None) -> Response:
        obj = jcopy(obj)
        obj["apiVersion"], obj["kind"] = rt.api_version, rt.kind
        meta = obj.setdefault("metadata", {})
        if rt.namespaced:
            if meta.get("namespace") and meta["namespace"] != namespace:
                raise st.bad_request("the namespace of the provided object does not match the namespace sent "
                                     "on the request")
            meta["namespace"] = namespace
        else:
            meta.pop("namespace", None)
        if meta.get("resourceVersion") and not applied_by:
            raise st.bad_request("resourceVersion should not be set on objects to be created")
        if not meta.get("name"):
            if meta.get("generateName"):
                meta["name"] = meta["generateName"] + "".join(random.choice(NAME_CHARS) for _ in range(5))
            else:
                raise st.invalid(rt.kind, rt.group, "", [st.FieldError("Required", "metadata.name",
                                                                       "name or generateName is required")])
        name = meta["name"]
        for key in ("uid", "resourceVersion", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"):
            meta.pop(key, None)
        meta["uid"] = objects.new_uid()
        meta["creationTimestamp"] = objects.now()
        if rt.has_generation or rt.custom:
            meta["generation"] = 1
        else:
            meta.pop("generation", None)
        self._namespace_open(rt, namespace or "", name)
        if rt.has_status and not (rt.group == "" and rt.kind in ("Namespace", "Service", "Pod")):
            obj.pop("status", None)
            if not rt.custom:
                obj["status"] = {}
        objects.apply_defaults(rt.group, rt.kind, obj, self.c.allocator, creating=True)
        self._validate(req, rt, obj)
        if entries is None:
            supplied = managed.decode(meta.get("managedFields"))
            if supplied and meta.get("managedFields") != [{}]:
                entries = supplied
            else:
                entries = managed.record_update(None, obj, [], manager, rt.api_version, "", rt.merge_schema(),
                                                objects.now())
        meta["managedFields"] = managed.encode(entries)
        if not meta["managedFields"]:
            meta.pop("managedFields")
        with self.c.store.lock:
            if self.c.store.get(rt.storage_key, namespace or "", name) is not None:
                raise st.already_exists(rt.resource, rt.group, name)
            if req.dry_run():
                return Response.json(201, present(obj, rt))
            stored = self.c.store.commit(rt.storage_key, obj)
        return Response.json(201, present(stored, rt))

    def _validate(self, req: Request, rt, obj: dict) -> None:
        meta = obj["metadata"]
        gotypes.check(rt.group if not rt.custom else "", rt.kind if not rt.custom else "", obj)
        objects.check_base64(rt.group, rt.kind, obj)
        errors = objects.name_errors(rt.group, rt.kind, meta["name"]) + objects.label_errors(meta)
        if rt.namespaced:
            ns = meta.get("namespace", "")
            if not objects.DNS1123_LABEL.match(ns):
                errors.append(st.FieldError("Invalid", "metadata.namespace", objects.LABEL_MSG, ns, True))
        errors += objects.validate(rt.group, rt.kind, obj)
        pruned: list = []
        errors += self.c.validate_custom(rt, obj, pruned)
        if pruned:
            self._unknown_fields(req, rt, pruned)
        if errors:
            raise st.invalid(rt.kind, rt.group, meta["name"], errors)

    def _unknown_fields(self, req: Request, rt, pruned: list) -> None:
        """fieldValidation: Strict rejects unknown fields, Warn (the default) warns, Ignore drops them quietly."""
        mode = req.query.get("fieldValidation", "Warn")
        if mode not in ("Ignore", "Warn", "Strict"):
            raise st.bad_request(f'fieldValidation: Unsupported value: "{mode}": supported values: "Ignore", '
                                 '"Warn", "Strict"')
        if mode == "Strict":
            listed = ", ".join(f'unknown field "{p}"' for p in pruned)
            raise st.bad_request(f'{rt.kind} in version "{rt.version}" cannot be handled as a {rt.kind}: '
                                 f"strict decoding error: {listed}")
        if mode == "Warn":
            req.warnings.extend(f'unknown field "{p}"' for p in pruned)

    # MARK: update

    def update(self, req: Request, target) -> Response:
        rt = target.rtype
        if target.subresource and target.subresource != "status":
            raise st.generic(405)
        obj = self.decode(req, rt)
        self._check_type(obj, rt)
        meta = obj.get("metadata") or {}
        if meta.get("name") and meta["name"] != target.name:
            raise st.bad_request(f"the name of the object ({meta['name']}) does not match the name on the URL "
                                 f"({target.name})")
        if rt.namespaced and meta.get("namespace") and meta["namespace"] != target.namespace:
            raise st.bad_request("the namespace of the provided object does not match the namespace sent on the "
                                 "request")
        with self.c.store.lock:
            old = self.c.store.get(rt.storage_key, target.namespace or "", target.name)
            if old is None:
                raise st.not_found(rt.resource, rt.group, target.name)
            rv = meta.get("resourceVersion")
            if rv and rv != old["metadata"]["resourceVersion"]:
                raise st.conflict(rt.resource, rt.group, target.name, st.MODIFIED)
            return self._store(req, rt, old, obj, self._manager(req), target.subresource, code=200)

    def _store(self, req: Request, rt, old: dict, new: dict, manager: str, subresource: str, *, code: int,
               entries: list | None = None, apply_manager: str | None = None) -> Response:
        """Finishes an update of `old` into `new` (already merged/patched) and stores it."""
        new = jcopy(new)
        new["apiVersion"], new["kind"] = rt.api_version, rt.kind
        meta = new.setdefault("metadata", {})
        old_meta = old["metadata"]
        for key in ("name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
                    "deletionGracePeriodSeconds", "generation", "resourceVersion"):
            if key in old_meta:
                meta[key] = old_meta[key]
            else:
                meta.pop(key, None)
        if subresource == "status":
            body = jcopy(old)
            if "status" in new:
                body["status"] = new["status"]
            else:
                body.pop("status", None)
            body["metadata"]["managedFields"] = meta.get("managedFields", old_meta.get("managedFields"))
            body["apiVersion"], body["kind"] = rt.api_version, rt.kind
            new, meta = body, body["metadata"]
        elif rt.has_status:
            new = objects.reset_status_on_main(new, old)
            meta = new["metadata"]
        if old_meta.get("deletionTimestamp"):
            # Only finalizers may shrink once deletion has started; new ones may not be added.
            added = set(meta.get("finalizers") or []) - set(old_meta.get("finalizers") or [])
            if added:
                raise st.invalid(rt.kind, rt.group, meta["name"], [st.FieldError(
                    "Forbidden", "metadata.finalizers", "no new finalizers can be added if the object is being "
                    "deleted", None, False)])
        objects.carry_allocated(rt.group, rt.kind, old, new)
        objects.apply_defaults(rt.group, rt.kind, new, self.c.allocator, creating=False)
        self._validate(req, rt, new)
        if (rt.has_generation or rt.custom) and objects.spec_changed(old, new, rt.custom):
            meta["generation"] = int(old_meta.get("generation", 1)) + 1
        schema = rt.merge_schema()
        if entries is None:
            supplied = meta.get("managedFields")
            if supplied and supplied != old_meta.get("managedFields") and supplied != [{}]:
                entries = managed.decode(supplied)
            else:
                base = [] if supplied == [{}] else managed.decode(old_meta.get("managedFields"))
                entries = managed.record_update(old, new, base, manager, rt.api_version, subresource, schema,
                                                objects.now())
        old_entries = managed.decode(old_meta.get("managedFields"))
        meta["managedFields"] = managed.encode(entries)
        if not meta["managedFields"]:
            meta.pop("managedFields")
        if _same_object(old, new) and managed.same_sets(old_entries, entries):
            return Response.json(200, present(old, rt))
        if apply_manager is not None:
            for e in entries:
                if e.identity == (apply_manager, "Apply", subresource):
                    e.time = objects.now()
            meta["managedFields"] = managed.encode(entries)
        if req.dry_run():
            return Response.json(code, present(new, rt))
        if meta.get("deletionTimestamp") and not meta.get("finalizers"):
            gone = self.c.store.delete(rt.storage_key, meta.get("namespace", ""), meta["name"])
            return Response.json(200, present(gone or new, rt))
        stored = self.c.store.commit(rt.storage_key, new)
        return Response.json(code, present(stored, rt))



def _same_object(old: dict, new: dict) -> bool:
    def strip(o):
        o = dict(o)
        meta = dict(o.get("metadata") or {})
        meta.pop("managedFields", None)
        meta.pop("resourceVersion", None)
        o["metadata"] = meta
        return o
    return strip(old) == strip(new)
