"""`pods/proxy` and `services/proxy`."""

from __future__ import annotations

import status as st
from exchange import Request, Response


class Proxy:
    def __init__(self, cluster):
        self.c = cluster

    def handle(self, req: Request, target) -> Response:
        rt = target.rtype
        obj = self.c.store.get(rt.storage_key, target.namespace or "", target.name.split(":")[0])
        if obj is None:
            raise st.not_found(rt.resource, rt.group, target.name)
        raise st.service_unavailable(f'no endpoints available for service "{target.name}"')
