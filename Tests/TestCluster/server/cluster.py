"""One simulated cluster: its store, types, credentials, controllers and test controls.

`Cluster` is the context every handler receives. `bootstrap` gives it what a
fresh kind cluster has: namespaces default, kube-system, kube-public and
kube-node-lease, the `default/kubernetes` Service and its EndpointSlice (listing
the configured "real" API server address), the kube-root-ca.crt ConfigMaps,
default ServiceAccounts and the bootstrap RBAC policy.
"""

from __future__ import annotations

import threading

import objects
import rbac
import status as st
from auth import Authenticator
from resources import Registry
from store import Store
from tokens import ISSUER, TokenSigner
from jsoncopy import jcopy

ROOT_CA_DESCRIPTION = ("Contains a CA bundle that can be used to verify the kube-apiserver when using internal "
                       "endpoints such as the internal service IP or kubernetes.default.svc. No other usage is "
                       "guaranteed across distributions of Kubernetes clusters.")

DEFAULT_CONFIG = {
    "anonymousAuth": True,
    "tokens": [],             # [{"token", "user", "groups", "uid", "expiresAt"}]
    "basicUsers": [],         # [{"user", "password", "groups"}]
    "loadBalancer": "ip",     # "ip", "hostname" or "never"
    "loadBalancerIPPrefix": "172.18.255.",
    "loadBalancerHostnameSuffix": ".elb.test.example",
    "delays": {               # seconds before each controller acts
        "deployment": 0.0,
        "loadBalancer": 0.0,
        "tokenSecret": 0.0,
        "crd": 0.0,
        "namespace": 0.0,
        "garbageCollector": 0.0,
    },
    "deploymentsBecomeReady": True,
    "watchTimeoutSeconds": 1800,
    "bookmarkIntervalSeconds": 60,
}


def merge_config(base: dict, change: dict) -> dict:
    out = jcopy(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_config(out[key], value)
        else:
            out[key] = jcopy(value)
    return out


class Config:
    """The live test configuration (read by handlers and controllers, changed by tests)."""

    def __init__(self, initial: dict):
        self._lock = threading.Lock()
        self._data = merge_config(DEFAULT_CONFIG, initial)

    def get(self, key: str, default=None):
        with self._lock:
            return jcopy(self._data.get(key, default))

    def delay(self, controller: str) -> float:
        with self._lock:
            return float(self._data.get("delays", {}).get(controller, 0.0))

    def snapshot(self) -> dict:
        with self._lock:
            return jcopy(self._data)

    def update(self, change: dict) -> dict:
        with self._lock:
            self._data = merge_config(self._data, change)
            return jcopy(self._data)


class Cluster:
    def __init__(self, *, name: str, ca_pem: str, kube_version: str, advertised_address: str,
                 endpoint_address: str, endpoint_port: int, config: dict):
        self.name = name
        self.ca_pem = ca_pem
        self.kube_version = kube_version
        self.advertised_address = advertised_address
        self.endpoint_address = endpoint_address
        self.endpoint_port = endpoint_port
        self.audience = ISSUER
        self.config = Config(config)
        self.store = Store()
        self.registry = Registry()
        self.signer = TokenSigner()
        self.allocator = objects.Allocator()
        self.authenticator = Authenticator(self.config, self.signer, self._lookup_core)
        self.authorizer = rbac.Authorizer(self.store)
        self.stopping = threading.Event()
        from api import Api
        from crds import CustomResources
        from openapi import OpenAPI
        from protobuf import Protobuf
        from proxy import Proxy
        self.custom = CustomResources(self)
        self.openapi = OpenAPI(self)
        self.protobuf = Protobuf()
        self.proxy = Proxy(self)
        self.api = Api(self)

    def _lookup_core(self, resource: str, namespace: str, name: str):
        return self.store.get(("", resource), namespace, name)

    def version_info(self) -> dict:
        major, minor, *_ = self.kube_version.split(".")
        return {"major": major, "minor": minor, "emulationMajor": major, "emulationMinor": minor,
                "minCompatibilityMajor": major, "minCompatibilityMinor": str(max(0, int(minor) - 1)),
                "gitVersion": f"v{self.kube_version}", "gitCommit": "0000000000000000000000000000000000000000",
                "gitTreeState": "clean", "buildDate": "2025-01-01T00:00:00Z", "goVersion": "go1.24.0",
                "compiler": "gc", "platform": "linux/amd64"}

    def yaml_document(self, body: bytes):
        from yamldoc import parse_document
        return parse_document(body)

    def validate_custom(self, rt, obj: dict, pruned: list) -> list:
        return self.custom.validate(rt, obj, pruned) if rt.custom else []

    def has_dependents(self, owner: dict) -> bool:
        uid = owner["metadata"].get("uid")
        for key in self.store.keys():
            for obj in self.store.list(key)[0]:
                for ref in obj["metadata"].get("ownerReferences") or []:
                    if ref.get("uid") == uid:
                        return True
        return False

    # MARK: start state

    def create(self, resource: tuple, obj: dict, manager: str = "kube-apiserver", keep_status: bool = False) -> dict:
        """Creates an object as a system component would (no authorization, defaults applied)."""
        rt = next(t for t in self.registry.all() if t.storage_key == resource)
        obj = jcopy(obj)
        meta = obj.setdefault("metadata", {})
        meta["uid"] = objects.new_uid()
        meta["creationTimestamp"] = objects.now()
        if rt.has_generation:
            meta["generation"] = 1
        obj["apiVersion"], obj["kind"] = rt.api_version, rt.kind
        status = obj.get("status")
        objects.apply_defaults(rt.group, rt.kind, obj, self.allocator, creating=True)
        if keep_status and status is not None:
            obj["status"] = status
        import managed
        entries = managed.record_update(None, obj, [], manager, rt.api_version, "", rt.merge_schema(),
                                        objects.now())
        meta["managedFields"] = managed.encode(entries)
        return self.store.commit(rt.storage_key, obj)

    def populate_namespace(self, name: str) -> None:
        """What a new namespace gets from the controllers: the `default` ServiceAccount and kube-root-ca.crt."""
        with self.store.lock:
            ns = self.store.get(("", "namespaces"), "", name)
            if ns is None or ns["metadata"].get("deletionTimestamp"):
                return
            if self.store.get(("", "serviceaccounts"), name, "default") is None:
                self.create(("", "serviceaccounts"), {"metadata": {"name": "default", "namespace": name}},
                            manager="kube-controller-manager")
            if self.store.get(("", "configmaps"), name, "kube-root-ca.crt") is None:
                self.create(("", "configmaps"), {
                    "metadata": {"name": "kube-root-ca.crt", "namespace": name,
                                 "annotations": {"kubernetes.io/description": ROOT_CA_DESCRIPTION}},
                    "data": {"ca.crt": self.ca_pem}}, manager="kube-controller-manager")

    def bootstrap(self) -> None:
        """The state a fresh cluster is in when it starts serving (settled: no controller work pending)."""
        for ns in ("default", "kube-system", "kube-public", "kube-node-lease"):
            self.create(("", "namespaces"), {"metadata": {"name": ns}})
            self.populate_namespace(ns)
        for resource, obj in rbac.bootstrap_roles():
            self.create(("rbac.authorization.k8s.io", resource), obj)
        self.create(("", "services"), {
            "metadata": {"name": "kubernetes", "namespace": "default",
                         "labels": {"component": "apiserver", "provider": "kubernetes"}},
            "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.1",
                     "ports": [{"name": "https", "port": 443, "protocol": "TCP",
                                "targetPort": self.endpoint_port}]}})
        self.create(("discovery.k8s.io", "endpointslices"), {
            "metadata": {"name": "kubernetes", "namespace": "default",
                         "labels": {"kubernetes.io/service-name": "kubernetes",
                                    "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io"}},
            "addressType": "IPv4",
            "endpoints": [{"addresses": [self.endpoint_address], "conditions": {"ready": True}}],
            "ports": [{"name": "https", "port": self.endpoint_port, "protocol": "TCP"}]})
        self.create(("", "endpoints"), {
            "metadata": {"name": "kubernetes", "namespace": "default",
                         "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"}},
            "subsets": [{"addresses": [{"ip": self.endpoint_address}],
                         "ports": [{"name": "https", "port": self.endpoint_port, "protocol": "TCP"}]}]})
