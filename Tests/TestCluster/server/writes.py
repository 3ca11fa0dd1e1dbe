"""create, update (PUT), patch (JSON, merge, strategic, apply), delete, deletecollection, scale.

Every write ends in `_store`: defaults, validation, status rules, generation,
managed fields, the no-op check (an unchanged object keeps its
resourceVersion), dry run, then the store.
"""

from __future__ import annotations

import random

import apply as ssa
import managed
import objects
import patch as patches
import status as st
from exchange import (APPLY_PATCH, JSON, JSON_PATCH, MERGE_PATCH, PROTOBUF, STRATEGIC_PATCH, YAML, Request,
                      Response, parse_json)
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
            new = objects.reset_status_on_main(new, old, True, rt.custom)
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

    # MARK: patch

    def patch(self, req: Request, target) -> Response:
        rt = target.rtype
        if target.subresource and target.subresource != "status":
            raise st.generic(405)
        ctype = req.content_type()
        force = req.query.get("force")
        if ctype == APPLY_PATCH:
            return self._apply(req, target)
        if force is not None:
            raise st.ApiError(422, "Invalid", 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not '
                                              "be specified for non-apply patch")
        if ctype not in (JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH) or (ctype == STRATEGIC_PATCH and rt.custom):
            accepted = [JSON_PATCH, MERGE_PATCH, APPLY_PATCH] + ([] if rt.custom else [STRATEGIC_PATCH])
            raise st.unsupported_media_type(ctype, accepted)
        body = parse_json(req.body)
        with self.c.store.lock:
            old = self.c.store.get(rt.storage_key, target.namespace or "", target.name)
            if old is None:
                raise st.not_found(rt.resource, rt.group, target.name)
            current = present(jcopy(old), rt)
            try:
                if ctype == JSON_PATCH:
                    new = patches.json_patch(current, body)
                elif ctype == MERGE_PATCH:
                    new = patches.merge_patch(current, body)
                else:
                    new = patches.strategic_merge_patch(current, body, rt.merge_schema())
            except patches.PatchError as e:
                raise e.api_error() from None
            if not isinstance(new, dict):
                raise st.bad_request("the patch did not produce an object")
            meta = new.get("metadata") if isinstance(new.get("metadata"), dict) else {}
            rv = meta.get("resourceVersion")
            if rv and rv != old["metadata"]["resourceVersion"]:
                raise st.conflict(rt.resource, rt.group, target.name, st.MODIFIED)
            if meta.get("name", target.name) != target.name:
                raise st.bad_request(f"the name of the object ({meta.get('name')}) does not match the name on the "
                                     f"URL ({target.name})")
            self._check_type(new, rt)
            return self._store(req, rt, old, new, self._manager(req), target.subresource, code=200)

    def _apply(self, req: Request, target) -> Response:
        rt = target.rtype
        manager = req.query.get("fieldManager")
        if not manager:
            raise st.ApiError(422, "Invalid", 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required '
                                              "value: is required for apply patch")
        force = req.flag("force")
        config = self.c.yaml_document(req.body)
        if not isinstance(config, dict):
            raise st.bad_request("error decoding YAML: the applied configuration is not an object")
        if not rt.custom:
            objects.default_list_keys(rt.group, rt.kind, config)
        if config.get("apiVersion") != rt.api_version:
            raise st.bad_request(f"Incorrect version specified in apply patch. Specified patch version: "
                                 f"{config.get('apiVersion', '')}, expected: {rt.api_version}")
        if config.get("kind") != rt.kind:
            raise st.bad_request(f"Incorrect kind specified in apply patch. Specified patch kind: "
                                 f"{config.get('kind', '')}, expected: {rt.kind}")
        meta = config.get("metadata") if isinstance(config.get("metadata"), dict) else {}
        if meta.get("name", target.name) != target.name:
            raise st.bad_request(f"the name of the object ({meta.get('name')}) does not match the name on the URL "
                                 f"({target.name})")
        if rt.namespaced and meta.get("namespace") and meta["namespace"] != target.namespace:
            raise st.bad_request("the namespace of the provided object does not match the namespace sent on the "
                                 "request")
        schema = rt.merge_schema()
        with self.c.store.lock:
            old = self.c.store.get(rt.storage_key, target.namespace or "", target.name)
            if old is None:
                if target.subresource:
                    raise st.not_found(rt.resource, rt.group, target.name)
                skeleton = {"apiVersion": rt.api_version, "kind": rt.kind, "metadata": {"name": target.name}}
                merged, entries = ssa.server_side_apply(
                    skeleton, config, [], manager=manager, force=force, api_version=rt.api_version,
                    subresource="", has_status=rt.has_status, schema=schema, now=objects.now())
                for e in entries:
                    e.time = objects.now()
                return self._create(req, rt, target.namespace, merged, manager, manager, entries)
            rv = meta.get("resourceVersion")
            if rv and rv != old["metadata"]["resourceVersion"]:
                raise st.conflict(rt.resource, rt.group, target.name, st.MODIFIED)
            live = present(jcopy(old), rt)
            merged, entries = ssa.server_side_apply(
                live, config, managed.decode(old["metadata"].get("managedFields")), manager=manager, force=force,
                api_version=rt.api_version, subresource=target.subresource, has_status=rt.has_status,
                schema=schema, now=objects.now())
            return self._store(req, rt, old, merged, manager, target.subresource, code=200, entries=entries,
                               apply_manager=manager)

    # MARK: delete

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
        from selection import FieldSelector, LabelSelector
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

    # MARK: scale

    def scale(self, req: Request, target, verb: str) -> Response:
        rt = target.rtype
        with self.c.store.lock:
            obj = self.c.store.get(rt.storage_key, target.namespace or "", target.name)
            if obj is None:
                raise st.not_found(rt.resource, rt.group, target.name)
            if verb in ("update", "patch"):
                current = _scale_of(obj)
                if verb == "update":
                    body = parse_json(req.body)
                else:
                    ctype = req.content_type()
                    raw = parse_json(req.body)
                    try:
                        if ctype == JSON_PATCH:
                            body = patches.json_patch(current, raw)
                        elif ctype in (MERGE_PATCH, STRATEGIC_PATCH):
                            body = patches.merge_patch(current, raw)
                        else:
                            raise st.unsupported_media_type(ctype, [JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH])
                    except patches.PatchError as e:
                        raise e.api_error() from None
                replicas = (body.get("spec") or {}).get("replicas") if isinstance(body, dict) else None
                if not isinstance(replicas, int) or replicas < 0:
                    raise st.invalid("Scale", "autoscaling", target.name, [st.FieldError(
                        "Invalid", "spec.replicas", "must be greater than or equal to 0", replicas, True)])
                new = jcopy(obj)
                new.setdefault("spec", {})["replicas"] = replicas
                response = self._store(req, rt, obj, new, self._manager(req), "scale", code=200)
                if response.code >= 300:
                    return response
                obj = self.c.store.get(rt.storage_key, target.namespace or "", target.name) or new
            return Response.json(200, _scale_of(obj))


def _scale_of(obj: dict) -> dict:
    meta = obj["metadata"]
    selector = ((obj.get("spec") or {}).get("selector") or {}).get("matchLabels") or {}
    return {"kind": "Scale", "apiVersion": "autoscaling/v1",
            "metadata": {k: meta[k] for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
                         if k in meta},
            "spec": {"replicas": (obj.get("spec") or {}).get("replicas", 0)},
            "status": {"replicas": (obj.get("status") or {}).get("replicas", 0),
                       "selector": ",".join(f"{k}={v}" for k, v in sorted(selector.items()))}}


def _same_object(old: dict, new: dict) -> bool:
    def strip(o):
        o = dict(o)
        meta = dict(o.get("metadata") or {})
        meta.pop("managedFields", None)
        meta.pop("resourceVersion", None)
        o["metadata"] = meta
        return o
    return strip(old) == strip(new)
