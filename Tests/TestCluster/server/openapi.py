"""OpenAPI documents (`/openapi/v2`, `/openapi/v3`)."""

from __future__ import annotations

import status as st
from exchange import Request, Response


class OpenAPI:
    def __init__(self, cluster):
        self.c = cluster

    def handle(self, req: Request, parts: list) -> Response:
        raise st.path_not_found()
