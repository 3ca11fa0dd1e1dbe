"""patch: JSON patch, merge patch, strategic merge patch and server-side apply."""

from __future__ import annotations

import apply as ssa
import managed
import objects
import patch as patches
import status as st
from exchange import APPLY_PATCH, JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, Request, Response, parse_json
from jsoncopy import jcopy
from reads import present


class Patching:
    def __init__(self, cluster, writes):
        self.c = cluster
        self.writes = writes

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
            self.writes._check_type(new, rt)
            return self.writes._store(req, rt, old, new, self.writes._manager(req), target.subresource, code=200)

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
        if isinstance(meta.get("managedFields"), list):
            # An object read back from the server and applied again carries them.
            raise st.bad_request("metadata.managedFields must be nil")
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
                return self.writes._create(req, rt, target.namespace, merged, manager, manager, entries)
            rv = meta.get("resourceVersion")
            if rv and rv != old["metadata"]["resourceVersion"]:
                raise st.conflict(rt.resource, rt.group, target.name, st.MODIFIED)
            live = present(jcopy(old), rt)
            merged, entries = ssa.server_side_apply(
                live, config, managed.decode(old["metadata"].get("managedFields")), manager=manager, force=force,
                api_version=rt.api_version, subresource=target.subresource, has_status=rt.has_status,
                schema=schema, now=objects.now())
            return self.writes._store(req, rt, old, merged, manager, target.subresource, code=200, entries=entries,
                               apply_manager=manager)
