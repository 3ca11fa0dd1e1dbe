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

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from certs import CertError, CertificateAuthority  # noqa: E402  (light: the rest is imported while openssl runs)


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

    # openssl works while the interpreter imports the server and builds the cluster.
    making_ca = None
    if args.ca_cert and args.ca_key:
        for path in (args.ca_cert, args.ca_key):
            if not os.access(path, os.R_OK):
                raise CertError(f"cannot read the CA file {path}")
        ca = CertificateAuthority(directory, args.ca_cert, args.ca_key, args.key_type)
    else:
        ca, making_ca = CertificateAuthority.start_creating(directory, args.name, args.key_type)
    from cluster import Cluster
    from controllers import Controllers
    from frontdoor import FrontDoor
    from httpserver import Server, tls_context
    from kubeconfig import write_kubeconfig
    if making_ca is not None:
        making_ca.wait()
    issued, issuing = ca.start_issuing([
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
    issuing.wait()
    (server_cert, server_key), (admin_cert, admin_key) = issued
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
    try:
        sys.exit(main())
    except (CertError, OSError, ValueError) as e:
        sys.stderr.write(f"test API server: {e}\n")
        sys.exit(1)
