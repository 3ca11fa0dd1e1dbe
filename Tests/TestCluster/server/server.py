#!/usr/bin/env python3
"""A test Kubernetes API server for kubectl-mesh's tests (Python 3 standard library only).

    python3 server.py --dir TMPDIR [--name east] [--context kind-east] [options]

Listens on 127.0.0.1 (random port) with TLS, writes TMPDIR/kubeconfig (a
client-certificate admin in group system:masters), TMPDIR/ready.json, and
prints the same JSON as one line on stdout once it serves. Exits on SIGTERM,
when its parent dies, or when stdin reaches end of file (with
--exit-on-stdin-eof). A plain-HTTP control port on 127.0.0.1 serves the test
controls (`/__test/...`, also reachable on the API port with the admin
certificate). See README.md in this directory for the whole contract.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import status as st  # noqa: E402
from certs import CertificateAuthority, CertError  # noqa: E402
from cluster import Cluster  # noqa: E402
from controllers import Controllers  # noqa: E402
from exchange import Request, Response, parse_json  # noqa: E402
from httpserver import ConnectionReset, Server, tls_context  # noqa: E402
from impersonation import impersonate  # noqa: E402
from kubeconfig import write_kubeconfig  # noqa: E402
from testcontrol import Faults, RequestLog, fault_error  # noqa: E402


class FrontDoor:
    """Everything between the socket and the API: control paths, authentication, faults, the log."""

    def __init__(self, cluster: Cluster, ca: CertificateAuthority, directory: str):
        self.cluster = cluster
        self.ca = ca
        self.directory = directory
        self.faults = Faults()
        self.log = RequestLog()
        self._cert_lock = threading.Lock()
        self._cert_seq = 0

    # MARK: the API port

    def dispatch(self, req: Request) -> Response:
        if req.path.startswith("/__test/"):
            try:
                user = self.cluster.authenticator.authenticate(req.cert_subject, req.header("authorization"))
            except st.ApiError as e:
                return Response.error(e)
            if "system:masters" not in user.groups:
                return Response.error(st.forbidden("", "", "", f'User "{user.name}" cannot use the test controls'))
            return self.control(req)
        entry = {"method": req.method, "path": req.path, "query": req.raw_query, "user": None,
                 "contentType": req.header("content-type"), "accept": req.header("accept"),
                 "userAgent": req.header("user-agent"), "fault": None, "status": None}
        try:
            try:
                authenticated = self.cluster.authenticator.authenticate(req.cert_subject,
                                                                        req.header("authorization"))
                req.user = impersonate(req, authenticated, self.cluster.authorizer)
                if req.user is not authenticated:
                    entry["impersonatedBy"] = authenticated.name
                entry["user"] = req.user.name
                entry["groups"] = list(req.user.groups)
                entry["authenticatedBy"] = req.user.method
            except st.ApiError as e:
                entry["status"] = e.code
                return Response.error(e)
            fault = self.faults.take(req.method, req.path, req.raw_query, req.user.name)
            if fault is not None:
                entry["fault"] = fault.id
                if fault.delay:
                    time.sleep(fault.delay)
                if fault.reset:
                    entry["status"] = 0
                    raise ConnectionReset()
                if fault.status is not None:
                    entry["status"] = fault.status
                    err = fault_error(fault)
                    if fault.body == "text":
                        response = Response.text(err.code, err.message + "\n")
                        response.headers.update(err.headers)
                        return response
                    return Response.error(err)
            response = self.cluster.api.handle(req)
            entry["status"] = response.code
            return response
        finally:
            self.log.record(entry)

    # MARK: test controls

    def control(self, req: Request) -> Response:
        try:
            return self._control(req)
        except st.ApiError as e:
            return Response.error(e)

    def _control(self, req: Request) -> Response:
        path, method = req.path.rstrip("/"), req.method
        if path == "/__test/log":
            if method == "GET":
                since = int(req.query.get("since", "0") or 0)
                entries = self.log.since(since)
                return Response.json(200, {"entries": entries})
            if method == "DELETE":
                self.log.clear()
                return Response.json(200, {})
        elif path == "/__test/faults":
            if method == "GET":
                return Response.json(200, {"faults": self.faults.list()})
            if method == "POST":
                spec = parse_json(req.body)
                specs = spec if isinstance(spec, list) else [spec]
                return Response.json(201, {"faults": [self.faults.add(s) for s in specs if isinstance(s, dict)]})
            if method == "DELETE":
                self.faults.clear()
                return Response.json(200, {})
        elif path == "/__test/config":
            if method == "GET":
                return Response.json(200, self.cluster.config.snapshot())
            if method in ("POST", "PATCH", "PUT"):
                change = parse_json(req.body)
                if not isinstance(change, dict):
                    raise st.bad_request("config change must be a JSON object")
                return Response.json(200, self.cluster.config.update(change))
        elif path == "/__test/certificates" and method == "POST":
            spec = parse_json(req.body)
            if not isinstance(spec, dict) or not spec.get("user"):
                raise st.bad_request('a certificate needs a "user"')
            with self._cert_lock:
                self._cert_seq += 1
                stem = f"client-{self._cert_seq}"
                try:
                    cert, key = self.ca.issue(stem, str(spec["user"]), [str(g) for g in spec.get("groups") or []])
                except CertError as e:
                    raise st.internal_error(str(e)) from None
            with open(cert) as c, open(key) as k:
                return Response.json(201, {"certificate": c.read(), "key": k.read(), "certificatePath": cert,
                                           "keyPath": key})
        elif path == "/__test/info" and method == "GET":
            with open(os.path.join(self.directory, "ready.json")) as f:
                return Response.json(200, json.load(f))
        return Response.error(st.path_not_found())

    def control_only(self, req: Request) -> Response:
        """The plain-HTTP control port: only `/__test/…`, no credentials (it listens on loopback)."""
        if not req.path.startswith("/__test/"):
            return Response.text(404, "404 page not found\n")
        return self.control(req)


def parse_args(argv):
    p = argparse.ArgumentParser(description="Test Kubernetes API server")
    p.add_argument("--dir", required=True, help="directory for certificates, kubeconfig and ready file")
    p.add_argument("--name", default="test", help="cluster name (kubeconfig cluster, CA names)")
    p.add_argument("--context", default=None, help="kubeconfig context name (default: the cluster name)")
    p.add_argument("--kube-version", default="1.33.1")
    p.add_argument("--port", type=int, default=0, help="API port (default: random)")
    p.add_argument("--endpoint-address", default="172.18.0.2",
                   help='address the default/kubernetes EndpointSlice lists (the "real" API server)')
    p.add_argument("--endpoint-port", type=int, default=6443)
    p.add_argument("--ca-cert", help="reuse this CA certificate (with --ca-key) instead of making one")
    p.add_argument("--ca-key")
    p.add_argument("--key-type", choices=["ec", "rsa"], default="ec", help="key type of generated certificates")
    p.add_argument("--config", help="JSON file with the initial test configuration")
    p.add_argument("--parent-pid", type=int, default=None, help="exit when this process is gone")
    p.add_argument("--exit-on-stdin-eof", action="store_true", help="exit when stdin reaches end of file")
    p.add_argument("--remove-dir-on-exit", action="store_true", help="delete --dir when exiting")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv if argv is not None else sys.argv[1:])
    directory = os.path.abspath(args.dir)
    os.makedirs(directory, exist_ok=True)
    context = args.context or args.name
    config = {}
    if args.config:
        with open(args.config) as f:
            config = json.load(f)

    if args.ca_cert and args.ca_key:
        ca = CertificateAuthority(directory, args.ca_cert, args.ca_key, args.key_type)
    else:
        ca = CertificateAuthority.create(directory, args.name, args.key_type)
    (server_cert, server_key), (admin_cert, admin_key) = ca.issue_all([
        ("apiserver", "kube-apiserver", [], ["127.0.0.1", "localhost", "kubernetes", "kubernetes.default",
                                             "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"]),
        ("admin", "kubernetes-admin", ["system:masters"], None)])
    with open(ca.cert) as f:
        ca_pem = f.read()

    cluster = Cluster(name=args.name, ca_pem=ca_pem, kube_version=args.kube_version,
                      advertised_address=f"{args.endpoint_address}:{args.endpoint_port}",
                      endpoint_address=args.endpoint_address, endpoint_port=args.endpoint_port, config=config)
    controllers = Controllers(cluster)
    cluster.bootstrap()
    controllers.start()
    front = FrontDoor(cluster, ca, directory)
    api_server = Server(("127.0.0.1", args.port), front.dispatch, tls_context(server_cert, server_key, ca.cert))
    control_server = Server(("127.0.0.1", 0), front.control_only, None)
    port = api_server.server_address[1]
    url = f"https://127.0.0.1:{port}"

    kubeconfig = os.path.join(directory, "kubeconfig")
    write_kubeconfig(kubeconfig, cluster_name=args.name, context=context, user=f"{args.name}-admin", server=url,
                     ca_pem=ca_pem, cert_path=admin_cert, key_path=admin_key)
    ready = {"name": args.name, "context": context, "user": f"{args.name}-admin", "server": url, "port": port,
             "controlPort": control_server.server_address[1],
             "controlURL": f"http://127.0.0.1:{control_server.server_address[1]}", "pid": os.getpid(),
             "kubeconfig": kubeconfig, "caCertificate": ca.cert, "caKey": ca.key, "adminCertificate": admin_cert,
             "adminKey": admin_key, "directory": directory, "kubeVersion": args.kube_version}
    with open(os.path.join(directory, "ready.json.tmp"), "w") as f:
        json.dump(ready, f)
    os.replace(os.path.join(directory, "ready.json.tmp"), os.path.join(directory, "ready.json"))

    done = threading.Event()
    threading.Thread(target=api_server.serve_forever, kwargs={"poll_interval": 3600}, daemon=True).start()
    threading.Thread(target=control_server.serve_forever, kwargs={"poll_interval": 3600}, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    if args.exit_on_stdin_eof:
        def watch_stdin():
            try:
                while sys.stdin.buffer.read(65536):
                    pass
            except (OSError, ValueError):
                pass
            done.set()
        threading.Thread(target=watch_stdin, daemon=True).start()
    parent = args.parent_pid if args.parent_pid is not None else os.getppid()

    sys.stdout.write(json.dumps(ready) + "\n")
    sys.stdout.flush()

    while not done.wait(1.0):
        if os.getppid() != parent and not _alive(parent):
            break
    cluster.stopping.set()
    cluster.store.close_all_watches()
    controllers.stop()
    if args.remove_dir_on_exit:
        shutil.rmtree(directory, ignore_errors=True)
    os._exit(0)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
        return True
    except ProcessLookupError:
        return False
    except PermissionError:
        return True


if __name__ == "__main__":
    sys.exit(main())
