"""Deployments roll out: a ReplicaSet per pod template, Pods, and the status kubectl reads.

What kube-controller-manager's deployment and replicaset controllers (and the
kubelets) would leave behind, at once: the current ReplicaSet
(`NAME-HASH`, `pod-template-hash` label, owned by the Deployment) with the
desired replicas, older ReplicaSets scaled to zero, and Pods owned by the
ReplicaSet that are Running and Ready (or Pending in ContainerCreating when
the configuration says Deployments never become ready). Pods run nothing:
`pods/proxy` answers from the test configuration (see proxy.py).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random

import objects
from jsoncopy import jcopy

SAFE = "bcdfghjklmnpqrstvwxz2456789"


def template_hash(template: dict) -> str:
    digest = hashlib.sha256(json.dumps(template, sort_keys=True).encode()).digest()
    return "".join(SAFE[b % len(SAFE)] for b in digest[:10])


class Workloads:
    def __init__(self, cluster, write):
        self.c = cluster
        self._write = write
        self._ips = itertools.count(10)

    def roll_out(self, ns: str, name: str) -> None:
        store = self.c.store
        ready = bool(self.c.config.get("deploymentsBecomeReady", True))
        with store.lock:
            deployment = store.get(("apps", "deployments"), ns, name)
            if deployment is None or deployment["metadata"].get("deletionTimestamp"):
                return
            spec = deployment.get("spec") or {}
            replicas = int(spec.get("replicas", 1))
            template = spec.get("template") or {}
            rs_name = f"{name}-{template_hash(template)}"[:253]
            self._ensure_replica_set(deployment, rs_name, replicas, ready)
            for rs in store.list(("apps", "replicasets"), ns)[0]:
                if rs["metadata"]["name"] != rs_name and self._owned_by(rs, deployment):
                    self._ensure_replica_set(deployment, rs["metadata"]["name"], 0, ready, existing=rs)
            self._deployment_status(ns, name, rs_name, replicas, ready)

    @staticmethod
    def _owned_by(obj: dict, owner: dict) -> bool:
        return any(r.get("uid") == owner["metadata"].get("uid") for r in obj["metadata"].get("ownerReferences") or [])

    @staticmethod
    def _owner_ref(owner: dict) -> dict:
        return {"apiVersion": owner["apiVersion"], "kind": owner["kind"], "name": owner["metadata"]["name"],
                "uid": owner["metadata"]["uid"], "controller": True, "blockOwnerDeletion": True}

    def _ensure_replica_set(self, deployment: dict, rs_name: str, replicas: int, ready: bool,
                            existing: dict | None = None) -> None:
        store = self.c.store
        ns = deployment["metadata"]["namespace"]
        rs = existing or store.get(("apps", "replicasets"), ns, rs_name)
        if rs is None:
            template = jcopy((deployment.get("spec") or {}).get("template") or {})
            hash_label = rs_name.rsplit("-", 1)[-1]
            labels = dict((template.get("metadata") or {}).get("labels") or {})
            labels["pod-template-hash"] = hash_label
            template.setdefault("metadata", {})["labels"] = labels
            selector = jcopy((deployment.get("spec") or {}).get("selector") or {})
            selector.setdefault("matchLabels", {})["pod-template-hash"] = hash_label
            rs = self.c.create(("apps", "replicasets"), {
                "metadata": {"name": rs_name, "namespace": ns, "labels": labels,
                             "annotations": {"deployment.kubernetes.io/desired-replicas": str(replicas),
                                             "deployment.kubernetes.io/revision": "1"},
                             "ownerReferences": [self._owner_ref(deployment)]},
                "spec": {"replicas": replicas, "selector": selector, "template": template}},
                manager="kube-controller-manager")
        elif (rs.get("spec") or {}).get("replicas") != replicas:
            def scale(obj):
                obj.setdefault("spec", {})["replicas"] = replicas
                return True
            self._write(("apps", "replicasets"), ns, rs["metadata"]["name"], scale, "kube-controller-manager")
            rs = store.get(("apps", "replicasets"), ns, rs["metadata"]["name"]) or rs
        pods = [p for p in store.list(("", "pods"), ns)[0] if self._owned_by(p, rs)]
        for pod in pods[replicas:]:
            store.delete(("", "pods"), ns, pod["metadata"]["name"])
        for _ in range(replicas - len(pods)):
            self._create_pod(rs, ready)
        available = replicas if ready else 0

        def status(obj):
            new = {"replicas": replicas, "fullyLabeledReplicas": replicas, "observedGeneration":
                   obj["metadata"].get("generation", 1)}
            if available:
                new["readyReplicas"] = available
                new["availableReplicas"] = available
            obj["status"] = new
            return True
        self._write(("apps", "replicasets"), ns, rs["metadata"]["name"], status, "kube-controller-manager",
                    "status")

    def _create_pod(self, rs: dict, ready: bool) -> None:
        template = jcopy((rs.get("spec") or {}).get("template") or {})
        meta = template.get("metadata") or {}
        ns = rs["metadata"]["namespace"]
        name = f"{rs['metadata']['name']}-" + "".join(random.choice(SAFE) for _ in range(5))
        spec = template.get("spec") or {}
        spec.setdefault("nodeName", f"{self.c.name}-control-plane")
        now = objects.now()
        n = next(self._ips)
        containers = [c.get("name", "") for c in spec.get("containers") or [] if isinstance(c, dict)]
        if ready:
            status = {
                "phase": "Running", "podIP": f"10.244.{n // 250}.{n % 250 + 2}",
                "hostIP": self.c.endpoint_address, "startTime": now, "qosClass": "BestEffort",
                "conditions": [{"type": t, "status": "True", "lastTransitionTime": now}
                               for t in ("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                                         "PodScheduled")],
                "containerStatuses": [{"name": c, "ready": True, "started": True, "restartCount": 0,
                                       "image": _image(spec, c), "imageID": "",
                                       "state": {"running": {"startedAt": now}}} for c in containers]}
            status["podIPs"] = [{"ip": status["podIP"]}]
        else:
            status = {
                "phase": "Pending", "hostIP": self.c.endpoint_address, "startTime": now, "qosClass": "BestEffort",
                "conditions": [{"type": "Ready", "status": "False", "lastTransitionTime": now,
                                "reason": "ContainersNotReady",
                                "message": "containers with unready status: [" + " ".join(containers) + "]"},
                               {"type": "PodScheduled", "status": "True", "lastTransitionTime": now}],
                "containerStatuses": [{"name": c, "ready": False, "started": False, "restartCount": 0,
                                       "image": _image(spec, c), "imageID": "",
                                       "state": {"waiting": {"reason": "ContainerCreating"}}} for c in containers]}
        pod = {"metadata": {"name": name, "namespace": ns, "labels": dict(meta.get("labels") or {}),
                            "annotations": dict(meta.get("annotations") or {}),
                            "ownerReferences": [self._owner_ref(rs)]},
               "spec": spec, "status": status}
        if not pod["metadata"]["annotations"]:
            del pod["metadata"]["annotations"]
        self.c.create(("", "pods"), pod, manager="kube-controller-manager", keep_status=True)

    def _deployment_status(self, ns: str, name: str, rs_name: str, replicas: int, ready: bool) -> None:
        def change(obj):
            status = obj.get("status") or {}
            generation = obj["metadata"].get("generation", 1)
            now = objects.now()
            available = replicas if ready else 0
            revision = obj["metadata"].setdefault("annotations", {})
            revision.setdefault("deployment.kubernetes.io/revision", "1")
            new_status = {"observedGeneration": generation, "replicas": replicas, "updatedReplicas": replicas}
            if available:
                new_status["readyReplicas"] = available
                new_status["availableReplicas"] = available
            elif replicas:
                new_status["unavailableReplicas"] = replicas
            old_conditions = {c.get("type"): c for c in status.get("conditions") or []}

            def condition(kind, value, reason, message):
                previous = old_conditions.get(kind) or {}
                transition = previous.get("lastTransitionTime") if previous.get("status") == value else now
                unchanged = previous.get("status") == value and previous.get("reason") == reason
                return {"type": kind, "status": value,
                        "lastUpdateTime": previous.get("lastUpdateTime", now) if unchanged else now,
                        "lastTransitionTime": transition or now, "reason": reason, "message": message}
            if ready or replicas == 0:
                conditions = [condition("Available", "True", "MinimumReplicasAvailable",
                                        "Deployment has minimum availability."),
                              condition("Progressing", "True", "NewReplicaSetAvailable",
                                        f'ReplicaSet "{rs_name}" has successfully progressed.')]
            else:
                conditions = [condition("Available", "False", "MinimumReplicasUnavailable",
                                        "Deployment does not have minimum availability."),
                              condition("Progressing", "True", "ReplicaSetUpdated",
                                        f'ReplicaSet "{rs_name}" is progressing.')]
            new_status["conditions"] = conditions
            obj["status"] = new_status
            return True
        self._write(("apps", "deployments"), ns, name, change, "kube-controller-manager", "status")


def _image(spec: dict, container: str) -> str:
    for c in spec.get("containers") or []:
        if isinstance(c, dict) and c.get("name") == container:
            return str(c.get("image", ""))
    return ""
