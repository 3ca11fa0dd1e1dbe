"""`pods/proxy` and `services/proxy`.

Nothing runs in a test cluster's pods, so proxying goes nowhere, with one
exception: istiod's monitoring port. A pod labelled `app=istiod` answers
`GET …/pods/NAME:15014/proxy/metrics` like istiod's Prometheus endpoint, with
the gauge `istiod_remote_cluster_sync_status` (one sample per remote cluster
and state, 1 for the state it is in). The remote clusters are the data keys of
the `istio/multiCluster=true` Secrets in the pod's namespace, as istiod reads
them. Test config `istiodSyncStatus` chooses the state: `synced` (default),
`syncing`, `timeout` or `closed` for every cluster, or a map from cluster name
to state; `absent` leaves the gauge out (an Istio release without it) and
`unavailable` answers 503 as a pod that is not listening does.
"""

from __future__ import annotations

import status as st
from exchange import Request, Response

ISTIOD_MONITORING_PORT = "15014"
SYNC_STATES = ("synced", "syncing", "timeout", "closed")


class Proxy:
    def __init__(self, cluster):
        self.c = cluster

    def handle(self, req: Request, target) -> Response:
        rt = target.rtype
        name, _, port = target.name.partition(":")
        obj = self.c.store.get(rt.storage_key, target.namespace or "", name)
        if obj is None:
            raise st.not_found(rt.resource, rt.group, target.name)
        labels = obj["metadata"].get("labels") or {}
        if (rt.resource == "pods" and port == ISTIOD_MONITORING_PORT and labels.get("app") == "istiod"
                and target.rest.strip("/") == "metrics" and req.method in ("GET", "HEAD")):
            return self._istiod_metrics(target.namespace or "")
        raise st.service_unavailable(f'no endpoints available for service "{target.name}"')

    def _istiod_metrics(self, namespace: str) -> Response:
        mode = self.c.config.get("istiodSyncStatus", "synced")
        if mode == "unavailable":
            raise st.service_unavailable("error trying to reach service: dial tcp 10.244.0.10:15014: connect: connection refused")
        lines = ["# HELP pilot_xds Number of endpoints connected to this pilot using XDS.",
                 "# TYPE pilot_xds gauge", 'pilot_xds{version="1.28.0"} 0']
        if mode != "absent":
            lines += ["# HELP istiod_remote_cluster_sync_status Current synchronization state of remote clusters "
                      "managed by istiod.", "# TYPE istiod_remote_cluster_sync_status gauge"]
            for cluster in self._remote_clusters(namespace):
                state = mode.get(cluster, "synced") if isinstance(mode, dict) else mode
                for candidate in SYNC_STATES:
                    value = 1 if candidate == state else 0
                    lines.append(f'istiod_remote_cluster_sync_status{{cluster="{cluster}",cluster_type="remote",'
                                 f'status="{candidate}"}} {value}')
        return Response.text(200, "\n".join(lines) + "\n")

    def _remote_clusters(self, namespace: str) -> list:
        secrets, _ = self.c.store.list(("", "secrets"), namespace)
        clusters = []
        for secret in secrets:
            if (secret["metadata"].get("labels") or {}).get("istio/multiCluster") == "true":
                clusters += sorted((secret.get("data") or {}).keys())
        return sorted(set(clusters))
