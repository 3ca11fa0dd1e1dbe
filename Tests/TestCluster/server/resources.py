"""The API's resource types: the built-in ones and those CRDs add.

A `ResourceType` is one resource in one group version (`deployments` in
`apps/v1`). The `Registry` answers URL lookups and builds the discovery
documents (`/api`, `/apis`, `/api/v1`, `/apis/GROUP/VERSION`) from the same
table, so what is served and what is advertised cannot disagree.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from dataclasses import dataclass, field

from schema import Schema, builtin_schema

ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
NO_COLLECTION_DELETE = ["create", "delete", "get", "list", "patch", "update", "watch"]
SUB_STATUS = ["get", "patch", "update"]
CONNECT = ["create", "delete", "get", "patch", "update"]


@dataclass
class ResourceType:
    group: str
    version: str
    resource: str
    kind: str
    namespaced: bool
    verbs: list = field(default_factory=lambda: list(ALL_VERBS))
    short_names: list = field(default_factory=list)
    categories: list = field(default_factory=list)
    # subresource → (kind, verbs, group, version) for subresources of another kind (token)
    subresources: dict = field(default_factory=dict)
    has_generation: bool = False
    schema: Schema | None = None
    custom: bool = False          # served from a CRD
    crd_name: str = ""
    # For CRDs: the version discovery prefers, and the version's openAPIV3Schema.
    preferred: bool = True
    openapi: dict | None = None

    @property
    def api_version(self) -> str:
        return f"{self.group}/{self.version}" if self.group else self.version

    @property
    def singular(self) -> str:
        return self.kind.lower()

    @property
    def list_kind(self) -> str:
        return self.kind + "List"

    @property
    def storage_key(self) -> tuple:
        """Objects of all versions of one resource share storage."""
        return (self.group, self.resource)

    @property
    def has_status(self) -> bool:
        return "status" in self.subresources

    def merge_schema(self) -> Schema:
        return self.schema if self.schema is not None else builtin_schema(self.group, self.kind)

    def discovery_entries(self) -> list:
        entry = {
            "name": self.resource,
            "singularName": self.singular,
            "namespaced": self.namespaced,
            "kind": self.kind,
            "verbs": list(self.verbs),
        }
        if self.short_names:
            entry["shortNames"] = list(self.short_names)
        if self.categories:
            entry["categories"] = list(self.categories)
        entry["storageVersionHash"] = storage_version_hash(self.group, self.version, self.kind)
        entries = [entry]
        for sub, (kind, verbs, group, version) in sorted(self.subresources.items()):
            sub_entry = {"name": f"{self.resource}/{sub}", "singularName": "", "namespaced": self.namespaced}
            if group is not None:
                sub_entry["group"] = group
                sub_entry["version"] = version
            sub_entry["kind"] = kind or self.kind
            sub_entry["verbs"] = list(verbs)
            entries.append(sub_entry)
        return entries


def storage_version_hash(group: str, version: str, kind: str) -> str:
    digest = hashlib.sha256(f"{group}/{version}/{kind}".encode()).digest()
    return base64.b64encode(digest[:8]).decode()


def _status(kind: str = "") -> tuple:
    return (kind, SUB_STATUS, None, None)


def builtin_types() -> list[ResourceType]:
    """The built-in resources this server serves (those Istio's charts and kubectl use)."""
    R = ResourceType
    status = {"status": _status()}
    return [
        R("", "v1", "namespaces", "Namespace", False, NO_COLLECTION_DELETE, ["ns"],
          subresources={"status": _status(), "finalize": ("", ["update"], None, None)}),
        R("", "v1", "configmaps", "ConfigMap", True, short_names=["cm"]),
        R("", "v1", "secrets", "Secret", True),
        R("", "v1", "serviceaccounts", "ServiceAccount", True, short_names=["sa"],
          subresources={"token": ("TokenRequest", ["create"], "authentication.k8s.io", "v1")}),
        R("", "v1", "services", "Service", True, NO_COLLECTION_DELETE, ["svc"], ["all"],
          subresources={"status": _status(), "proxy": ("ServiceProxyOptions", CONNECT, None, None)}),
        R("", "v1", "endpoints", "Endpoints", True, short_names=["ep"]),
        R("", "v1", "pods", "Pod", True, short_names=["po"], categories=["all"],
          subresources={"status": _status(), "proxy": ("PodProxyOptions", CONNECT, None, None),
                        "log": ("Pod", ["get"], None, None)}),
        R("", "v1", "events", "Event", True, short_names=["ev"]),
        R("", "v1", "nodes", "Node", False, short_names=["no"], subresources=dict(status)),
        R("", "v1", "resourcequotas", "ResourceQuota", True, short_names=["quota"], subresources=dict(status)),
        R("", "v1", "limitranges", "LimitRange", True, short_names=["limits"]),
        R("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", True, short_names=["pvc"],
          subresources=dict(status)),
        R("apps", "v1", "deployments", "Deployment", True, short_names=["deploy"], categories=["all"],
          subresources={"status": _status(), "scale": ("Scale", SUB_STATUS, "autoscaling", "v1")},
          has_generation=True),
        R("apps", "v1", "replicasets", "ReplicaSet", True, short_names=["rs"], categories=["all"],
          subresources={"status": _status(), "scale": ("Scale", SUB_STATUS, "autoscaling", "v1")},
          has_generation=True),
        R("apps", "v1", "statefulsets", "StatefulSet", True, short_names=["sts"], categories=["all"],
          subresources={"status": _status(), "scale": ("Scale", SUB_STATUS, "autoscaling", "v1")},
          has_generation=True),
        R("apps", "v1", "daemonsets", "DaemonSet", True, short_names=["ds"], categories=["all"],
          subresources=dict(status), has_generation=True),
        R("batch", "v1", "jobs", "Job", True, categories=["all"], subresources=dict(status),
          has_generation=True),
        R("batch", "v1", "cronjobs", "CronJob", True, short_names=["cj"], categories=["all"],
          subresources=dict(status), has_generation=True),
        R("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", True,
          short_names=["hpa"], categories=["all"], subresources=dict(status), has_generation=True),
        R("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", True, short_names=["pdb"],
          subresources=dict(status), has_generation=True),
        R("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", False),
        R("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", False),
        R("rbac.authorization.k8s.io", "v1", "roles", "Role", True),
        R("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", True),
        R("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations",
          "MutatingWebhookConfiguration", False, has_generation=True),
        R("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
          "ValidatingWebhookConfiguration", False, has_generation=True),
        R("admissionregistration.k8s.io", "v1", "validatingadmissionpolicies", "ValidatingAdmissionPolicy",
          False, subresources=dict(status), has_generation=True),
        R("admissionregistration.k8s.io", "v1", "validatingadmissionpolicybindings",
          "ValidatingAdmissionPolicyBinding", False, has_generation=True),
        R("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", False,
          short_names=["crd", "crds"], categories=["api-extensions"], subresources=dict(status),
          has_generation=True),
        R("coordination.k8s.io", "v1", "leases", "Lease", True),
        R("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", True),
        R("networking.k8s.io", "v1", "ingresses", "Ingress", True, short_names=["ing"],
          subresources=dict(status), has_generation=True),
        R("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", True, short_names=["netpol"],
          has_generation=True),
        R("networking.k8s.io", "v1", "ingressclasses", "IngressClass", False),
        R("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", False, short_names=["pc"]),
        R("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", False,
          ["create"]),
        R("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", False,
          ["create"]),
        R("authorization.k8s.io", "v1", "subjectaccessreviews", "SubjectAccessReview", False, ["create"]),
        R("authentication.k8s.io", "v1", "tokenreviews", "TokenReview", False, ["create"]),
        R("authentication.k8s.io", "v1", "selfsubjectreviews", "SelfSubjectReview", False, ["create"]),
    ]


# Resources that exist only as requests (create returns the answer; nothing is stored).
REVIEW_RESOURCES = {
    ("authorization.k8s.io", "selfsubjectaccessreviews"),
    ("authorization.k8s.io", "selfsubjectrulesreviews"),
    ("authorization.k8s.io", "subjectaccessreviews"),
    ("authentication.k8s.io", "tokenreviews"),
    ("authentication.k8s.io", "selfsubjectreviews"),
}

# Groups in the order kube-apiserver lists them; groups added by CRDs follow.
GROUP_ORDER = [
    "apiregistration.k8s.io", "apps", "events.k8s.io", "authentication.k8s.io", "authorization.k8s.io",
    "autoscaling", "batch", "certificates.k8s.io", "networking.k8s.io", "policy",
    "rbac.authorization.k8s.io", "storage.k8s.io", "admissionregistration.k8s.io",
    "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io", "node.k8s.io",
    "discovery.k8s.io", "flowcontrol.apiserver.k8s.io",
]


class Registry:
    """Thread-safe table of served resource types (built-ins plus established CRDs)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._types: list[ResourceType] = builtin_types()

    def all(self) -> list[ResourceType]:
        with self._lock:
            return list(self._types)

    def find(self, group: str, version: str, resource: str) -> ResourceType | None:
        with self._lock:
            for t in self._types:
                if t.group == group and t.version == version and t.resource == resource:
                    return t
        return None

    def versions_of(self, group: str, resource: str) -> list[ResourceType]:
        with self._lock:
            return [t for t in self._types if t.group == group and t.resource == resource]

    def set_custom(self, crd_name: str, types: list[ResourceType]) -> None:
        """Replaces the types served for one CRD (an empty list stops serving it)."""
        with self._lock:
            self._types = [t for t in self._types if t.crd_name != crd_name] + types

    def group_versions(self) -> dict:
        """group → ordered versions (preferred first) for every served group."""
        with self._lock:
            groups: dict = {}
            for t in self._types:
                if not t.group:
                    continue
                versions = groups.setdefault(t.group, [])
                if t.version not in versions:
                    if t.preferred and not t.custom:
                        versions.insert(0, t.version)
                    else:
                        versions.append(t.version)
                elif t.custom and t.preferred:
                    versions.remove(t.version)
                    versions.insert(0, t.version)
            return groups

    # MARK: discovery documents

    def api_versions(self, server_address: str) -> dict:
        return {
            "kind": "APIVersions",
            "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}],
        }

    def api_group(self, group: str, versions: list) -> dict:
        return {
            "name": group,
            "versions": [{"groupVersion": f"{group}/{v}", "version": v} for v in versions],
            "preferredVersion": {"groupVersion": f"{group}/{versions[0]}", "version": versions[0]},
        }

    def api_group_list(self) -> dict:
        groups = self.group_versions()
        ordered = [g for g in GROUP_ORDER if g in groups] + sorted(g for g in groups if g not in GROUP_ORDER)
        return {"kind": "APIGroupList", "apiVersion": "v1",
                "groups": [self.api_group(g, groups[g]) for g in ordered]}

    def api_group_document(self, group: str) -> dict | None:
        versions = self.group_versions().get(group)
        if not versions:
            return None
        doc = {"kind": "APIGroup", "apiVersion": "v1"}
        doc.update(self.api_group(group, versions))
        return doc

    def resource_list(self, group: str, version: str) -> dict | None:
        types = [t for t in self.all() if t.group == group and t.version == version]
        if not types:
            return None
        resources = []
        for t in sorted(types, key=lambda t: t.resource):
            resources.extend(t.discovery_entries())
        doc = {"kind": "APIResourceList"}
        if group:
            doc["apiVersion"] = "v1"
        doc["groupVersion"] = f"{group}/{version}" if group else version
        doc["resources"] = resources
        return doc


# MARK: aggregated discovery (apidiscovery.k8s.io v2 and v2beta1)

def aggregated_discovery(registry: Registry, core: bool, api_version: str) -> dict:
    """The APIGroupDiscoveryList served at /api (core) or /apis (named groups)."""
    types = [t for t in registry.all() if (t.group == "") == core]
    groups = {"": ["v1"]} if core else registry.group_versions()
    order = [""] if core else [g for g in GROUP_ORDER if g in groups] + sorted(
        g for g in groups if g not in GROUP_ORDER)
    items = []
    for group in order:
        versions = []
        for version in groups[group]:
            resources = []
            for t in sorted((t for t in types if t.group == group and t.version == version),
                            key=lambda t: t.resource):
                entry = {"resource": t.resource,
                         "responseKind": {"group": t.group, "version": t.version, "kind": t.kind},
                         "scope": "Namespaced" if t.namespaced else "Cluster",
                         "singularResource": t.singular, "verbs": list(t.verbs)}
                if t.short_names:
                    entry["shortNames"] = list(t.short_names)
                if t.categories:
                    entry["categories"] = list(t.categories)
                subs = []
                for sub, (kind, verbs, sub_group, sub_version) in sorted(t.subresources.items()):
                    subs.append({"subresource": sub,
                                 "responseKind": {"group": sub_group if sub_group is not None else t.group,
                                                  "version": sub_version or t.version, "kind": kind or t.kind},
                                 "verbs": list(verbs)})
                if subs:
                    entry["subresources"] = subs
                resources.append(entry)
            versions.append({"version": version, "resources": resources, "freshness": "Current"})
        meta = {"creationTimestamp": None}
        if group:
            meta = {"name": group, "creationTimestamp": None}
        items.append({"metadata": meta, "versions": versions})
    return {"kind": "APIGroupDiscoveryList", "apiVersion": api_version, "metadata": {}, "items": items}


def wants_aggregated(accept: str | None) -> str | None:
    """The aggregated-discovery version an Accept header asks for first, if any (v2 or v2beta1)."""
    for entry in (accept or "").split(","):
        parts = [p.strip() for p in entry.split(";")]
        params = dict(p.split("=", 1) for p in parts[1:] if "=" in p)
        if parts[0] == "application/json" and params.get("g") == "apidiscovery.k8s.io" and \
                params.get("as") == "APIGroupDiscoveryList" and params.get("v") in ("v2", "v2beta1"):
            return params["v"]
        if parts[0] in ("application/json", "*/*") and "g" not in params:
            return None
    return None
