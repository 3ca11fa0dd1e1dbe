"""The controllers a test cluster needs, each acting after a configurable delay.

One thread: store events arrive on a queue and schedule a reconcile of the
object they concern at now + the controller's delay; a reconcile reads the
current object and does what kube-controller-manager (or the API server's own
controllers) would: Deployments roll out, LoadBalancer Services get an address,
service-account token Secrets get filled, CRDs become Established, terminating
namespaces are emptied and removed, new namespaces get their default
ServiceAccount and kube-root-ca.crt, owned objects are garbage-collected.
"""

from __future__ import annotations

import base64
import heapq
import itertools
import queue
import threading
import time

import managed
import objects
from workloads import Workloads
from jsoncopy import jcopy

SA_TOKEN = "kubernetes.io/service-account-token"
SA_NAME = "kubernetes.io/service-account.name"
SA_UID = "kubernetes.io/service-account.uid"
CRD_FINALIZER = "customresourcecleanup.apiextensions.k8s.io"


class Controllers:
    def __init__(self, cluster):
        self.c = cluster
        self._events: queue.SimpleQueue = queue.SimpleQueue()
        self._timers: list = []
        self._seq = itertools.count()
        self._lb_counter = itertools.count(10)
        self._thread = threading.Thread(target=self._run, name="controllers", daemon=True)
        self.workloads = Workloads(cluster, self._write)
        cluster.store.add_listener(self._events.put)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._events.put(None)

    # MARK: loop

    def _run(self) -> None:
        while True:
            wait = None
            if self._timers:
                wait = max(0.0, self._timers[0][0] - time.monotonic())
            try:
                event = self._events.get(timeout=wait)
                if event is None:
                    return
                self._observe(event)
            except queue.Empty:
                pass
            now = time.monotonic()
            while self._timers and self._timers[0][0] <= now:
                _, _, action = heapq.heappop(self._timers)
                try:
                    action()
                except Exception as e:  # a controller bug must not stop the others
                    import sys
                    print(f"controller error: {e!r}", file=sys.stderr)

    def _later(self, controller: str, action) -> None:
        heapq.heappush(self._timers, (time.monotonic() + self.c.config.delay(controller), next(self._seq), action))

    def _observe(self, event) -> None:
        group, resource = event.key
        obj = event.obj
        meta = obj["metadata"]
        ns, name = meta.get("namespace", ""), meta["name"]
        if event.type == "DELETED":
            self._later("garbageCollector", lambda: self._collect(meta.get("uid")))
            if (group, resource) == ("", "serviceaccounts"):
                self._later("tokenSecret", lambda: self._delete_tokens_of(ns, name, meta.get("uid")))
            if (group, resource) == ("apiextensions.k8s.io", "customresourcedefinitions"):
                self.c.custom.unserve(name)
            return
        if meta.get("deletionTimestamp"):
            if (group, resource) == ("", "namespaces"):
                self._later("namespace", lambda: self._finalize_namespace(name))
            elif (group, resource) == ("apiextensions.k8s.io", "customresourcedefinitions"):
                self._later("crd", lambda: self._finalize_crd(name))
            else:
                self._later("garbageCollector", lambda: self._finalize_owner(event.key, ns, name))
            return
        if (group, resource) == ("apps", "deployments"):
            self._later("deployment", lambda: self._roll_out(ns, name))
        elif (group, resource) == ("", "services"):
            if (obj.get("spec") or {}).get("type") == "LoadBalancer":
                self._later("loadBalancer", lambda: self._load_balance(ns, name))
        elif (group, resource) == ("", "secrets"):
            if obj.get("type") == SA_TOKEN:
                self._later("tokenSecret", lambda: self._fill_token(ns, name))
        elif (group, resource) == ("apiextensions.k8s.io", "customresourcedefinitions"):
            if event.type == "ADDED" or (event.old or {}).get("spec") != obj.get("spec"):
                self._later("crd", lambda: self._establish(name))
        elif (group, resource) == ("", "namespaces") and event.type == "ADDED":
            self._later("namespace", lambda: self._populate_namespace(name))

    # MARK: writing as a controller

    def _write(self, key: tuple, ns: str, name: str, change, manager: str, subresource: str = "") -> None:
        """Applies `change(obj)` to the current object as an update by `manager` (no-op if nothing changed)."""
        store = self.c.store
        with store.lock:
            old = store.get(key, ns, name)
            if old is None:
                return
            new = jcopy(old)
            if change(new) is False:
                return
            if new == old:
                return
            rt = next((t for t in self.c.registry.versions_of(*key)), None)
            schema = rt.merge_schema() if rt else None
            if schema is not None:
                entries = managed.record_update(old, new, managed.decode(old["metadata"].get("managedFields")),
                                                manager, old["apiVersion"], subresource, schema, objects.now())
                new["metadata"]["managedFields"] = managed.encode(entries)
            if new["metadata"].get("deletionTimestamp") and not new["metadata"].get("finalizers"):
                store.delete(key, ns, name)
            else:
                store.commit(key, new)

    # MARK: Deployments

    def _roll_out(self, ns: str, name: str) -> None:
        self.workloads.roll_out(ns, name)

    # MARK: LoadBalancer Services

    def _load_balance(self, ns: str, name: str) -> None:
        mode = self.c.config.get("loadBalancer", "ip")
        if mode == "never":
            return

        def change(obj):
            if (obj.get("spec") or {}).get("type") != "LoadBalancer":
                return False
            ingress = ((obj.get("status") or {}).get("loadBalancer") or {}).get("ingress")
            if ingress:
                return False
            n = next(self._lb_counter)
            if mode == "hostname":
                entry = {"hostname": f"lb-{n}-{name}{self.c.config.get('loadBalancerHostnameSuffix')}"}
            else:
                entry = {"ip": f"{self.c.config.get('loadBalancerIPPrefix')}{n}", "ipMode": "VIP"}
            obj.setdefault("status", {})["loadBalancer"] = {"ingress": [entry]}
            return True
        self._write(("", "services"), ns, name, change, "cloud-controller-manager", "status")

    # MARK: service-account token Secrets

    def _fill_token(self, ns: str, name: str) -> None:
        store = self.c.store
        with store.lock:
            secret = store.get(("", "secrets"), ns, name)
            if secret is None or secret.get("type") != SA_TOKEN:
                return
            annotations = secret["metadata"].get("annotations") or {}
            account = store.get(("", "serviceaccounts"), ns, annotations.get(SA_NAME, ""))
            uid = annotations.get(SA_UID)
            if account is None or (uid and uid != account["metadata"].get("uid")):
                # kube's token controller removes Secrets whose ServiceAccount does not exist.
                store.delete(("", "secrets"), ns, name)
                return
            if (secret.get("data") or {}).get("token"):
                return

            def change(obj):
                token = self.c.signer.legacy_token(ns, account["metadata"]["name"], account["metadata"]["uid"], name)
                obj["metadata"].setdefault("annotations", {})[SA_UID] = account["metadata"]["uid"]
                data = obj.setdefault("data", {})
                data["token"] = base64.b64encode(token.encode()).decode()
                data["ca.crt"] = base64.b64encode(self.c.ca_pem.encode()).decode()
                data["namespace"] = base64.b64encode(ns.encode()).decode()
                return True
            self._write(("", "secrets"), ns, name, change, "kube-controller-manager")

    def _delete_tokens_of(self, ns: str, account: str, uid: str | None) -> None:
        store = self.c.store
        with store.lock:
            for secret in store.list(("", "secrets"), ns)[0]:
                annotations = secret["metadata"].get("annotations") or {}
                if secret.get("type") == SA_TOKEN and annotations.get(SA_NAME) == account:
                    if not annotations.get(SA_UID) or annotations.get(SA_UID) == uid:
                        store.delete(("", "secrets"), ns, secret["metadata"]["name"])

    # MARK: CustomResourceDefinitions

    def _establish(self, name: str) -> None:
        key = ("apiextensions.k8s.io", "customresourcedefinitions")
        with self.c.store.lock:
            crd = self.c.store.get(key, "", name)
            if crd is None or crd["metadata"].get("deletionTimestamp"):
                return
            problem = self.c.custom.name_conflict(crd)
            now = objects.now()

            def change(obj):
                status = obj.setdefault("status", {})
                conditions = {c.get("type"): c for c in status.get("conditions") or []}

                def condition(kind, value, reason, message):
                    previous = conditions.get(kind) or {}
                    when = previous.get("lastTransitionTime") if previous.get("status") == value else now
                    return {"type": kind, "status": value, "lastTransitionTime": when or now, "reason": reason,
                            "message": message}
                if problem:
                    status["conditions"] = [condition("NamesAccepted", "False", "MultipleNamesNotAllowed", problem),
                                            condition("Established", "False", "NotAccepted",
                                                      "not all names are accepted")]
                    return True
                spec = obj.get("spec") or {}
                names = dict(spec.get("names") or {})
                status["acceptedNames"] = names
                status["conditions"] = [condition("NamesAccepted", "True", "NoConflicts", "no conflicts found"),
                                        condition("Established", "True", "InitialNamesAccepted",
                                                  "the initial names have been accepted")]
                stored = list(status.get("storedVersions") or [])
                for v in spec.get("versions") or []:
                    if v.get("storage") and v.get("name") not in stored:
                        stored.append(v["name"])
                status["storedVersions"] = stored
                return True
            self._write(key, "", name, change, "kube-apiserver", "status")
            if not problem:
                current = self.c.store.get(key, "", name)
                if current is not None:
                    self.c.custom.serve(current)

    def _finalize_crd(self, name: str) -> None:
        key = ("apiextensions.k8s.io", "customresourcedefinitions")
        crd = self.c.store.get(key, "", name)
        if crd is None:
            return
        group = (crd.get("spec") or {}).get("group", "")
        plural = ((crd.get("spec") or {}).get("names") or {}).get("plural", "")
        self.c.custom.unserve(name)
        with self.c.store.lock:
            for obj in self.c.store.list((group, plural))[0]:
                self.c.store.delete((group, plural), obj["metadata"].get("namespace", ""), obj["metadata"]["name"])

        def change(obj):
            obj["metadata"]["finalizers"] = [f for f in obj["metadata"].get("finalizers") or []
                                             if f != CRD_FINALIZER]
            return True
        self._write(key, "", name, change, "kube-apiserver")

    # MARK: namespaces

    def _populate_namespace(self, name: str) -> None:
        self.c.populate_namespace(name)

    def _finalize_namespace(self, name: str) -> None:
        store = self.c.store
        with store.lock:
            ns = store.get(("", "namespaces"), "", name)
            if ns is None or not ns["metadata"].get("deletionTimestamp"):
                return
            for t in self.c.registry.all():
                if t.namespaced:
                    for obj in store.list(t.storage_key, name)[0]:
                        store.delete(t.storage_key, name, obj["metadata"]["name"])
            store.delete(("", "namespaces"), "", name)

    # MARK: garbage collection

    def _collect(self, owner_uid: str | None) -> None:
        if not owner_uid:
            return
        store = self.c.store
        with store.lock:
            for key in store.keys():
                for obj in store.list(key)[0]:
                    refs = obj["metadata"].get("ownerReferences") or []
                    if any(r.get("uid") == owner_uid for r in refs):
                        remaining = [r for r in refs if r.get("uid") != owner_uid and self._owner_exists(r)]
                        ns, name = obj["metadata"].get("namespace", ""), obj["metadata"]["name"]
                        if remaining:
                            def keep(o, remaining=remaining):
                                o["metadata"]["ownerReferences"] = remaining
                                return True
                            self._write(key, ns, name, keep, "kube-controller-manager")
                        else:
                            self._delete_dependent(key, obj)

    def _owner_exists(self, ref: dict) -> bool:
        uid = ref.get("uid")
        for key in self.c.store.keys():
            for obj in self.c.store.list(key)[0]:
                if obj["metadata"].get("uid") == uid:
                    return True
        return False

    def _delete_dependent(self, key: tuple, obj: dict) -> None:
        meta = obj["metadata"]
        ns, name = meta.get("namespace", ""), meta["name"]
        if meta.get("finalizers"):
            def mark(o):
                if o["metadata"].get("deletionTimestamp"):
                    return False
                o["metadata"]["deletionTimestamp"] = objects.now()
                o["metadata"]["deletionGracePeriodSeconds"] = 0
                return True
            self._write(key, ns, name, mark, "kube-controller-manager")
        else:
            self.c.store.delete(key, ns, name)

    def _finalize_owner(self, key: tuple, ns: str, name: str) -> None:
        """Foreground deletion and orphaning, the garbage collector's two finalizers."""
        store = self.c.store
        with store.lock:
            owner = store.get(key, ns, name)
            if owner is None:
                return
            finalizers = owner["metadata"].get("finalizers") or []
            uid = owner["metadata"].get("uid")
            if "orphan" in finalizers:
                for k in store.keys():
                    for obj in store.list(k)[0]:
                        refs = obj["metadata"].get("ownerReferences") or []
                        if any(r.get("uid") == uid for r in refs):
                            def orphan(o, uid=uid):
                                o["metadata"]["ownerReferences"] = [r for r in o["metadata"].get(
                                    "ownerReferences") or [] if r.get("uid") != uid]
                                if not o["metadata"]["ownerReferences"]:
                                    del o["metadata"]["ownerReferences"]
                                return True
                            self._write(k, obj["metadata"].get("namespace", ""), obj["metadata"]["name"], orphan,
                                        "kube-controller-manager")
                self._drop_finalizer(key, ns, name, "orphan")
            elif "foregroundDeletion" in finalizers:
                self._collect(uid)
                if not self.c.has_dependents(owner):
                    self._drop_finalizer(key, ns, name, "foregroundDeletion")
                else:
                    self._later("garbageCollector", lambda: self._finalize_owner(key, ns, name))

    def _drop_finalizer(self, key: tuple, ns: str, name: str, finalizer: str) -> None:
        def change(o):
            o["metadata"]["finalizers"] = [f for f in o["metadata"].get("finalizers") or [] if f != finalizer]
            if not o["metadata"]["finalizers"]:
                del o["metadata"]["finalizers"]
            return True
        self._write(key, ns, name, change, "kube-controller-manager")
