"""The front door of the API port: test controls, authentication, impersonation, faults, the log."""

from __future__ import annotations

import json
import os
import threading
import time

import status as st
from certs import CertError, CertificateAuthority
from cluster import Cluster
from exchange import Request, Response, gzip_applies, parse_json
from httpserver import ConnectionReset
from impersonation import impersonate
from testcontrol import Faults, RequestLog, fault_error


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
                 "acceptEncoding": req.header("accept-encoding"), "userAgent": req.header("user-agent"),
                 "connection": req.connection, "tlsResumed": req.tls_resumed, "fault": None, "status": None, "contentEncoding": None}
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
            if gzip_applies(response, req.header("accept-encoding")):
                entry["contentEncoding"] = "gzip"
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
