"""The scale subresource (`deployments/NAME/scale` and friends): autoscaling/v1 Scale."""

from __future__ import annotations

import patch as patches
import status as st
from exchange import JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, Request, Response, parse_json
from jsoncopy import jcopy


class Scale:
    def __init__(self, cluster, writes):
        self.c = cluster
        self.writes = writes

    def handle(self, req: Request, target, verb: str) -> Response:
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
                response = self.writes._store(req, rt, obj, new, self.writes._manager(req), "scale", code=200)
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
