#!/usr/bin/env python3
"""A loopback HTTPS server for the Kube transport tests.

Answers every request with a JSON description of what it received (method,
path, query, headers, body, the client certificate's subject, and how many
requests the TCP connection has carried), so that tests can check what the
client really sent. A few paths do more:

  /gzip        the same description, gzip-compressed when the client accepts it
  /status/N    answers status N with a Kubernetes Status body
  /watch       streams three watch events, one per line, with pauses

With --proxy it also runs a CONNECT proxy and reports each tunnel it made;
--proxy-host NAME=ADDRESS makes the proxy resolve NAME (which resolves nowhere
else) to ADDRESS, so a test can prove that a connection went through it.
Prints "PORT <n>" (and "PROXY <n>") on stdout once listening; runs until stdin closes.
"""
import argparse
import gzip
import json
import select
import socket
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.requests_on_connection = 0

    def describe(self, body):
        subject = None
        cert = self.connection.getpeercert() if isinstance(self.connection, ssl.SSLSocket) else None
        if cert:
            for rdn in cert.get("subject", ()):
                for key, value in rdn:
                    if key == "commonName":
                        subject = value
        url = urlsplit(self.path)
        return {
            "method": self.command,
            "path": url.path,
            "query": dict(parse_qsl(url.query, keep_blank_values=True)),
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body.decode("utf-8", "replace"),
            "clientCertificate": subject,
            "connectionRequest": self.requests_on_connection,
            "sni": getattr(self.connection, "server_hostname_seen", None),
        }

    def handle_any(self):
        self.requests_on_connection += 1
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path = urlsplit(self.path).path
        if path.startswith("/status/"):
            code = int(path.split("/")[2])
            status = {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": code,
                      "reason": "Echo", "message": "echo status %d" % code}
            self.send_json(code, status)
            return
        if path == "/watch":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for i in range(3):
                event = {"type": "ADDED", "object": {"kind": "ConfigMap", "metadata": {"name": "cm%d" % i, "resourceVersion": str(i + 1)}}}
                line = (json.dumps(event) + "\n").encode()
                self.wfile.write(b"%x\r\n%s\r\n" % (len(line), line))
                self.wfile.flush()
                time.sleep(0.05)
            self.wfile.write(b"0\r\n\r\n")
            return
        description = self.describe(body)
        if path == "/gzip" and "gzip" in (self.headers.get("Accept-Encoding") or ""):
            payload = gzip.compress(json.dumps(description).encode())
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
            return
        self.send_json(200, description)

    def send_json(self, code, value):
        payload = json.dumps(value).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any


class EchoHTTPServer(ThreadingHTTPServer):
    """Does each TLS handshake in the connection's own thread. A failed one is
    followed by a clean close (FIN after draining what the client sent), so the
    client reliably reads the TLS alert instead of a reset."""

    daemon_threads = True

    def __init__(self, address, handler, context):
        super().__init__(address, handler)
        self.context = context

    def finish_request(self, request, client_address):
        tls = self.context.wrap_socket(request, server_side=True, do_handshake_on_connect=False)
        try:
            tls.do_handshake()
        except (ssl.SSLError, OSError):
            try:
                raw = socket.socket(fileno=tls.detach())
                raw.shutdown(socket.SHUT_WR)
                raw.settimeout(2)
                while raw.recv(65536):
                    pass
                raw.close()
            except OSError:
                pass
            return
        self.RequestHandlerClass(tls, client_address, self)


class ConnectProxy(threading.Thread):
    """A minimal HTTP CONNECT proxy that counts the tunnels it opened."""

    def __init__(self, hosts):
        super().__init__(daemon=True)
        self.hosts = hosts
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]

    def run(self):
        while True:
            client, _ = self.sock.accept()
            threading.Thread(target=self.tunnel, args=(client,), daemon=True).start()

    def tunnel(self, client):
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = client.recv(4096)
            if not chunk:
                client.close()
                return
            data += chunk
        line = data.split(b"\r\n", 1)[0].decode()
        method, target, _ = line.split(" ", 2)
        if method != "CONNECT":
            client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            client.close()
            return
        host, port = target.rsplit(":", 1)
        try:
            address = self.hosts.get(host, host.strip("[]"))
            upstream = socket.create_connection((address, int(port)))
        except OSError:
            sys.stdout.write("UNREACHABLE %s\n" % target)
            sys.stdout.flush()
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            client.close()
            return
        sys.stdout.write("TUNNEL %s\n" % target)
        sys.stdout.flush()
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        sockets = [client, upstream]
        while True:
            readable, _, _ = select.select(sockets, [], [])
            for s in readable:
                chunk = s.recv(65536)
                if not chunk:
                    client.close()
                    upstream.close()
                    return
                (upstream if s is client else client).sendall(chunk)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--client-ca")
    parser.add_argument("--require-client-cert", action="store_true")
    parser.add_argument("--proxy", action="store_true")
    parser.add_argument("--proxy-host", action="append", default=[], metavar="NAME=ADDRESS")
    args = parser.parse_args()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    if args.client_ca:
        context.load_verify_locations(args.client_ca)
        context.verify_mode = ssl.CERT_REQUIRED if args.require_client_cert else ssl.CERT_OPTIONAL

    def remember_sni(sock, server_name, _context):
        sock.server_hostname_seen = server_name

    context.sni_callback = remember_sni

    server = EchoHTTPServer(("127.0.0.1", 0), Handler, context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("PORT %d" % server.server_address[1], flush=True)
    if args.proxy:
        proxy = ConnectProxy(dict(entry.split("=", 1) for entry in args.proxy_host))
        proxy.start()
        print("PROXY %d" % proxy.port, flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main()
