"""Running the app under uvicorn with time limits on reading requests.

uvicorn times out idle keep-alive connections, but a client that sends half a request line and then
nothing holds its connection open for ever (and a few hundred of those exhaust the process's
files). `HeaderTimeoutProtocol` closes a connection whose request head has not fully arrived
`header_timeout` seconds after the connection opened or the previous response ended. Bodies have
their own limit (`BodyLimitMiddleware.read_timeout`).
"""
from __future__ import annotations

import asyncio
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds for the request line and headers
KEEP_ALIVE_TIMEOUT = 5.0  # seconds an idle connection stays open between requests


class HeaderTimeoutProtocol(H11Protocol):
    header_timeout = HEADER_TIMEOUT

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_timer: asyncio.TimerHandle | None = None
        self._arm_head_timer()

    def _arm_head_timer(self) -> None:
        if getattr(self, "_head_timer", None) is None:
            self._head_timer = self.loop.call_later(self.header_timeout, self._head_timed_out)

    def _disarm_head_timer(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        # IDLE: h11 has not seen a whole request head yet (a partial one may be buffered).
        if self.conn.their_state is h11.IDLE and self.conn.trailing_data[0]:
            self._arm_head_timer()
        elif self.conn.their_state is not h11.IDLE:
            self._disarm_head_timer()

    def on_response_complete(self) -> None:
        self._disarm_head_timer()  # uvicorn's keep-alive timer takes over until the next byte
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_head_timer()
        super().connection_lost(exc)

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()


def server_config(app: Any, host: str, port: int, header_timeout: float = HEADER_TIMEOUT, **options: Any
                  ) -> uvicorn.Config:
    """The uvicorn configuration `narrascope serve` runs with."""
    protocol = type("NarrascopeHTTP", (HeaderTimeoutProtocol,), {"header_timeout": header_timeout})
    settings: dict[str, Any] = {"log_level": "warning", "server_header": False, "proxy_headers": False,
                                "timeout_keep_alive": KEEP_ALIVE_TIMEOUT, "http": protocol}
    return uvicorn.Config(app, host=host, port=port, **{**settings, **options})


def run(app: Any, host: str, port: int, **options: Any) -> None:
    uvicorn.Server(server_config(app, host, port, **options)).run()
