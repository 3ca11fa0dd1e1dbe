"""HTTP/1.1 over TLS on a thread per connection: keep-alive, chunked bodies both ways.

The listening socket is plain; each accepted connection does its TLS handshake
in its own thread (a slow client cannot hold up accept). Client certificates
are verified against the cluster CA when presented (kube-apiserver's
"verify if given"). Only `http/1.1` is offered over ALPN. A response with a
`stream` is sent with chunked transfer encoding, one chunk per watch event.
"""

from __future__ import annotations

import gzip
import http.server
import itertools
import select
import socket
import socketserver
import ssl
import struct
import threading

from exchange import Request, Response, gzip_applies


class ConnectionReset(Exception):
    """Raised by the dispatcher to drop the connection with a TCP reset."""


def subject_of(cert: dict | None) -> dict | None:
    if not cert:
        return None
    cn, orgs = None, []
    for rdn in cert.get("subject", ()):
        for key, value in rdn:
            if key == "commonName":
                cn = value
            elif key == "organizationName":
                orgs.append(value)
    return {"CN": cn, "O": orgs}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; with Nagle's algorithm the body
    # waits for the client's delayed ACK (~40 ms per request on a kept-alive connection).
    disable_nagle_algorithm = True
    server_version = "kube-test-apiserver"
    sys_version = ""
    timeout = 600
    # Headers and body leave in one write (flushed per response): no Nagle/delayed-ACK stalls.
    wbufsize = 64 * 1024

    def log_message(self, format, *args):  # the request log replaces http.server's stderr lines
        pass

    def setup(self):
        super().setup()
        self.connection_id = self.server.next_connection_id()
        # Whether the client resumed an earlier TLS session instead of a full handshake.
        self.tls_resumed = bool(getattr(self.connection, "session_reused", False))

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size_line = self.rfile.readline()
                size = int(size_line.split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            return b"".join(chunks)
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _serve(self):
        body = self._read_body()
        path, _, query = self.path.partition("?")
        cert = None
        if isinstance(self.connection, ssl.SSLSocket):
            cert = subject_of(self.connection.getpeercert())
        headers = {k.lower(): v for k, v in self.headers.items()}
        req = Request(self.command, path, query, headers, body, cert, connection=self.connection_id,
                      tls_resumed=self.tls_resumed)
        for k, v in self.headers.items():
            req.header_lists.setdefault(k.lower(), []).append(v)
        try:
            response = self.server.dispatch(req)
        except ConnectionReset:
            self._reset()
            return
        self._send(response, head=self.command == "HEAD")

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def _reset(self):
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.close_connection = True
        try:
            raw = socket.socket(fileno=self.connection.detach()) if isinstance(self.connection, ssl.SSLSocket) \
                else self.connection
            raw.close()
        except OSError:
            pass
        self.wfile = _Discard()

    def _send(self, response: Response, head: bool):
        self.send_response_only(response.code)
        self.send_header("Date", self.date_time_string())
        self.send_header("Content-Type", response.content_type)
        self.send_header("Cache-Control", "no-cache, private")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in response.headers.items():
            self.send_header(k, v)
        if response.stream is None:
            body = response.body
            if gzip_applies(response, self.headers.get("Accept-Encoding")):
                body = gzip.compress(body, compresslevel=4)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Vary", "Accept-Encoding")
            response = Response(response.code, body, response.content_type, response.headers)
            self.send_header("Content-Length", str(len(response.body)))
            self.end_headers()
            if not head:
                self.wfile.write(response.body)
            return
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.flush()
        stream = response.stream
        try:
            for chunk in stream:
                if chunk is None:
                    if self._client_gone():
                        self.close_connection = True
                        return
                    continue
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError, OSError):
            self.close_connection = True
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()

    def _client_gone(self) -> bool:
        """True when the peer closed the connection (checked while a watch idles)."""
        try:
            readable, _, _ = select.select([self.connection], [], [], 0)
            if not readable:
                return False
            if isinstance(self.connection, ssl.SSLSocket):
                self.connection.setblocking(False)
                try:
                    data = self.connection.recv(1)
                except ssl.SSLWantReadError:
                    return False
                finally:
                    self.connection.setblocking(True)
            else:
                data = self.connection.recv(1, socket.MSG_PEEK)
            return data == b""
        except (OSError, ValueError):
            return True


class _Discard:
    def write(self, data):
        return len(data)

    def flush(self):
        pass


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, dispatch, tls: ssl.SSLContext | None):
        self.dispatch = dispatch
        self.tls = tls
        self._connection_ids = itertools.count(1)
        self._connection_lock = threading.Lock()
        super().__init__(address, Handler)

    def next_connection_id(self) -> int:
        """Numbers accepted connections 1, 2, … so the request log shows which one carried a request."""
        with self._connection_lock:
            return next(self._connection_ids)

    def finish_request(self, request, client_address):
        try:
            request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
        if self.tls is not None:
            try:
                request.settimeout(30)
                request = self.tls.wrap_socket(request, server_side=True)
                request.settimeout(None)
            except (ssl.SSLError, OSError):
                try:
                    request.close()
                except OSError:
                    pass
                return
        try:
            Handler(request, client_address, self)
        except (ConnectionResetError, BrokenPipeError, ssl.SSLError, TimeoutError, OSError):
            pass
        finally:
            try:
                request.close()
            except OSError:
                pass

    def handle_error(self, request, client_address):
        pass


def tls_context(cert: str, key: str, ca: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    ctx.load_verify_locations(ca)
    ctx.verify_mode = ssl.CERT_OPTIONAL
    ctx.set_alpn_protocols(["http/1.1"])
    return ctx
