"""`pods/NAME/proxy/…` and `services/NAME/proxy/…`: answers scripted by the test.

Nothing runs in the test cluster's Pods, so a proxied request gets what the
configuration's `proxyResponses` say the workload would answer
(`[{"namespace", "pod" or "service" (regular expressions on the name), "port",
"path" (regular expression), "status", "contentType", "body"}]`), and
otherwise kube-apiserver's own errors: 404 for a missing Pod or Service, 503
"no endpoints available" for a Service without ready Pods, 503 for a Pod
without an IP, and 503 "connection refused" when nothing was scripted for
that port and path.
"""

from __future__ import annotations

import re

import status as st
from exchange import Request, Response
from selection import LabelSelector


def split_name(name: str) -> tuple[str, str, str]:
    """`[scheme:]name[:port]` as proxy URLs spell it."""
    parts = name.split(":")
    if len(parts) == 3:
        return parts[0], parts[1], parts[2]
    if len(parts) == 2:
        if parts[0] in ("http", "https"):
            return parts[0], parts[1], ""
        return "", parts[0], parts[1]
    return "", name, ""


class Proxy:
    def __init__(self, cluster):
        self.c = cluster

    def handle(self, req: Request, target) -> Response:
        rt = target.rtype
        ns = target.namespace or ""
        _, name, port = split_name(target.name)
        path = "/" + target.rest
        if rt.resource == "services":
            service = self.c.store.get(("", "services"), ns, name)
            if service is None:
                raise st.not_found("services", "", name)
            selector = (service.get("spec") or {}).get("selector") or {}
            pods = [p for p in self.c.store.list(("", "pods"), ns)[0]
                    if selector and LabelSelector.from_label_selector({"matchLabels": selector}).matches(
                        p["metadata"].get("labels")) and _ready(p)]
            if not pods:
                raise st.service_unavailable(f'no endpoints available for service "{name}"')
            scripted = self._scripted("service", ns, name, port, path)
            address = f"{(pods[0].get('status') or {}).get('podIP')}:{port or _first_port(service)}"
        else:
            pod = self.c.store.get(("", "pods"), ns, name)
            if pod is None:
                raise st.not_found("pods", "", name)
            ip = (pod.get("status") or {}).get("podIP")
            if not ip:
                raise st.service_unavailable(f'pod "{name}" has no IP')
            scripted = self._scripted("pod", ns, name, port, path)
            address = f"{ip}:{port or 80}"
        if scripted is None:
            raise st.service_unavailable(f"error trying to reach service: dial tcp {address}: connect: "
                                         "connection refused")
        body = scripted.get("body", "")
        return Response(int(scripted.get("status", 200)), body.encode() if isinstance(body, str) else b"",
                        scripted.get("contentType", "text/plain; charset=utf-8"))

    def log(self, req: Request, target) -> Response:
        """`pods/NAME/log`: nothing runs, so a running container's log is empty."""
        pod = self.c.store.get(("", "pods"), target.namespace or "", target.name)
        if pod is None:
            raise st.not_found("pods", "", target.name)
        containers = [c.get("name") for c in (pod.get("spec") or {}).get("containers") or [] if isinstance(c, dict)]
        container = req.query.get("container")
        if container is None:
            if len(containers) != 1:
                raise st.bad_request(f"a container name must be specified for pod {target.name}, choose one of: "
                                     f"[{' '.join(containers)}]")
            container = containers[0]
        if container not in containers:
            raise st.bad_request(f"container {container} is not valid for pod {target.name}")
        statuses = {s.get("name"): s for s in (pod.get("status") or {}).get("containerStatuses") or []}
        waiting = ((statuses.get(container) or {}).get("state") or {}).get("waiting")
        if waiting:
            raise st.bad_request(f'container "{container}" in pod "{target.name}" is waiting to start: '
                                 f'{waiting.get("reason", "")}')
        return Response(200, b"", "text/plain")

    def _scripted(self, kind: str, ns: str, name: str, port: str, path: str) -> dict | None:
        for entry in self.c.config.get("proxyResponses", []) or []:
            pattern = entry.get(kind)
            if pattern is None or entry.get("namespace", ns) != ns:
                continue
            try:
                if not re.fullmatch(pattern, name) or not re.fullmatch(entry.get("path", ".*"), path):
                    continue
            except re.error:
                continue
            if str(entry.get("port", port)) != str(port):
                continue
            return entry
        return None


def _ready(pod: dict) -> bool:
    return any(c.get("type") == "Ready" and c.get("status") == "True"
               for c in (pod.get("status") or {}).get("conditions") or [])


def _first_port(service: dict) -> str:
    ports = (service.get("spec") or {}).get("ports") or []
    return str(ports[0].get("port", 80)) if ports else "80"
