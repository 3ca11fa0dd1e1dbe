"""How the lists and maps inside each kind merge.

Server-side apply, managed fields and strategic merge patch all need to know,
for a list at a given path, whether it is atomic, a set, or a map keyed by some
fields (the OpenAPI `x-kubernetes-list-type` / `x-kubernetes-list-map-keys`
markers), and for strategic merge patch its `patchMergeKey`/`patchStrategy`.
Built-in kinds take these facts from the tables below (k8s.io/api markers);
custom resources take them from their CRD's structural schema.

Paths are tuples of field names; `[]` stands for "any item of this list".
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ListInfo:
    """One list: its apply type and its strategic-merge-patch behaviour."""

    kind: str = "atomic"                 # "atomic", "set" or "map"
    keys: tuple = ()                     # map keys, for kind == "map"
    smp_key: str | None = None           # patchMergeKey (None: the list is replaced)
    smp_strategy: str = ""               # "merge", "retainKeys", "merge,retainKeys" or ""


ATOMIC = ListInfo()


def keyed(*keys: str, smp_key: str | None = "", strategy: str = "merge") -> ListInfo:
    """A list map; its strategic merge key defaults to the first apply key."""
    merge_key = keys[0] if smp_key == "" else smp_key
    return ListInfo("map", tuple(keys), merge_key, strategy if merge_key else "")


SET_MERGE = ListInfo("set", (), None, "merge")


def _p(dotted: str) -> tuple:
    return tuple(part for part in dotted.split(".") if part)


CONTAINER = {
    "ports": keyed("containerPort", "protocol"),
    "env": keyed("name"),
    "volumeMounts": keyed("mountPath"),
    "volumeDevices": keyed("devicePath"),
}

POD_SPEC = {
    "volumes": keyed("name", strategy="merge,retainKeys"),
    "containers": keyed("name"),
    "initContainers": keyed("name"),
    "ephemeralContainers": keyed("name"),
    "imagePullSecrets": keyed("name"),
    "hostAliases": keyed("ip"),
    "topologySpreadConstraints": keyed("topologyKey", "whenUnsatisfiable"),
    "resourceClaims": keyed("name", strategy="merge,retainKeys"),
    "schedulingGates": keyed("name"),
}

CONDITIONS = keyed("type")

OBJECT_META = {
    "finalizers": SET_MERGE,
    "ownerReferences": keyed("uid"),
}


def _pod_spec_at(prefix: str) -> dict:
    table = {}
    for name, info in POD_SPEC.items():
        table[_p(prefix) + (name,)] = info
    for containers in ("containers", "initContainers", "ephemeralContainers"):
        for name, info in CONTAINER.items():
            table[_p(prefix) + (containers, "[]", name)] = info
    return table


def _table(entries: dict, *pod_spec_prefixes: str, conditions: str | None = None) -> dict:
    table = {("metadata",) + (k,): v for k, v in OBJECT_META.items()}
    for dotted, info in entries.items():
        table[_p(dotted)] = info
    for prefix in pod_spec_prefixes:
        table.update(_pod_spec_at(prefix))
    if conditions:
        table[_p(conditions)] = CONDITIONS
    return table


# kind (group-qualified: "apps/Deployment"; core kinds bare) → path → ListInfo
BUILTIN_LISTS: dict[str, dict] = {
    "Pod": _table({"status.podIPs": keyed("ip"), "status.hostIPs": keyed("ip")}, "spec",
                  conditions="status.conditions"),
    "apps/Deployment": _table({}, "spec.template.spec", conditions="status.conditions"),
    "apps/ReplicaSet": _table({}, "spec.template.spec", conditions="status.conditions"),
    "apps/StatefulSet": _table({}, "spec.template.spec", conditions="status.conditions"),
    "apps/DaemonSet": _table({}, "spec.template.spec", conditions="status.conditions"),
    "batch/Job": _table({}, "spec.template.spec", conditions="status.conditions"),
    "batch/CronJob": _table({}, "spec.jobTemplate.spec.template.spec"),
    "Service": _table({"spec.ports": keyed("port", "protocol"),
                       "status.conditions": CONDITIONS}),
    "Namespace": _table({}, conditions="status.conditions"),
    "policy/PodDisruptionBudget": _table({}, conditions="status.conditions"),
    "autoscaling/HorizontalPodAutoscaler": _table({}, conditions="status.conditions"),
    "admissionregistration.k8s.io/MutatingWebhookConfiguration": _table({"webhooks": keyed("name")}),
    "admissionregistration.k8s.io/ValidatingWebhookConfiguration": _table({"webhooks": keyed("name")}),
    "admissionregistration.k8s.io/ValidatingAdmissionPolicy": _table(
        {"spec.variables": keyed("name", smp_key=None)}, conditions="status.conditions"),
    "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding": _table(
        {"spec.validationActions": ListInfo("set")}),
    "apiextensions.k8s.io/CustomResourceDefinition": _table({}, conditions="status.conditions"),
    "networking.k8s.io/Ingress": _table({}),
    "networking.k8s.io/NetworkPolicy": _table({}),
}

DEFAULT_TABLE = _table({})


@dataclass
class Schema:
    """The merge facts of one kind."""

    lists: dict = field(default_factory=dict)        # path → ListInfo
    atomic_maps: set = field(default_factory=set)    # paths of maps replaced as a whole
    custom: bool = False                             # a custom resource (no strategic merge patch)

    def list_info(self, path: tuple) -> ListInfo:
        return self.lists.get(_normalise(path), ATOMIC)

    def is_atomic_map(self, path: tuple) -> bool:
        return _normalise(path) in self.atomic_maps


def _normalise(path: tuple) -> tuple:
    """Item references of any form become `[]`."""
    return tuple("[]" if not isinstance(p, str) or p.startswith("[") else p for p in path)


def builtin_schema(group: str, kind: str) -> Schema:
    key = f"{group}/{kind}" if group else kind
    return Schema(lists=BUILTIN_LISTS.get(key, DEFAULT_TABLE))


def crd_schema(openapi: dict | None) -> Schema:
    """Reads list and map types out of a CRD version's openAPIV3Schema."""
    schema = Schema(lists=dict(DEFAULT_TABLE), custom=True)
    if isinstance(openapi, dict):
        _walk_openapi(openapi, (), schema)
    return schema


def _walk_openapi(node: dict, path: tuple, schema: Schema) -> None:
    if path == ("metadata",):
        return
    kind = node.get("type")
    if kind == "array":
        list_type = node.get("x-kubernetes-list-type", "atomic")
        if list_type == "map":
            keys = tuple(node.get("x-kubernetes-list-map-keys") or ())
            schema.lists[path] = ListInfo("map", keys, None, "")
        elif list_type == "set":
            schema.lists[path] = ListInfo("set")
        items = node.get("items")
        if isinstance(items, dict):
            _walk_openapi(items, path + ("[]",), schema)
        return
    if node.get("x-kubernetes-map-type") == "atomic":
        schema.atomic_maps.add(path)
    props = node.get("properties")
    if isinstance(props, dict):
        for name, sub in props.items():
            if isinstance(sub, dict):
                _walk_openapi(sub, path + (name,), schema)
