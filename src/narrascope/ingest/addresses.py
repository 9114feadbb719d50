"""Which network addresses narrascope fetches from: public ones only, unless told otherwise.

A feed, a URL list or a redirect chooses where narrascope connects. Without a rule, a feed entry
linking to `http://127.0.0.1:8000/api/export.jsonl` or `http://169.254.169.254/` (a cloud
machine's metadata service) would be fetched and its answer stored as an "article" (SSRF). So a
host name is resolved here, every address it resolves to must be public, and the connection is
made to one of exactly those addresses (`GuardedBackend`), so a DNS answer that changes between
the check and the connection (DNS rebinding) cannot slip through. Redirects go through the same
check, since each one opens its own connection. `--allow-private` turns all of this off, for
intranet sources and for tests against a server on 127.0.0.1.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Any

from narrascope.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class BlockedAddress(InputError):
    """A host resolved to an address that is not public; `host` is the host name that did."""

    def __init__(self, host: str, reason: str):
        self.host = host
        super().__init__(host, reason)


def _embedded_ipv4(ip: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address carries (mapped, 6to4, Teredo, NAT64), if any."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return None
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def address_kind(ip: IPAddress) -> str | None:
    """What makes `ip` non-public ("loopback", "private", ...), or None for a public address."""
    inner = _embedded_ipv4(ip)
    if inner is not None:
        kind = address_kind(inner)
        return f"{kind} (inside {ip})" if kind else None
    for kind, flag in (("loopback", ip.is_loopback), ("unspecified", ip.is_unspecified),
                       ("link-local", ip.is_link_local), ("multicast", ip.is_multicast),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return kind
    if not ip.is_global:  # shared address space (100.64/10) and other special-purpose blocks
        return "special-purpose"
    return None


def _refusal(host: str, ip: IPAddress, kind: str) -> BlockedAddress:
    shown = host if host == str(ip) else f"{host} ({ip})"
    return BlockedAddress(host, f"refused to fetch from {shown}: a {kind} address, not a public one "
                                "(give --allow-private to fetch from your own network)")


def literal_address(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


def public_addresses(host: str, port: int) -> list[str]:
    """The addresses `host` resolves to, all of them public, or BlockedAddress.

    A resolver failure is an OSError (socket.gaierror), as from a plain connect.
    """
    literal = literal_address(host)
    if literal is not None:
        kind = address_kind(literal)
        if kind:
            raise _refusal(host, literal, kind)
        return [str(literal)]
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[str] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        ip = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        kind = address_kind(ip)
        if kind:  # one private answer is enough: a rebinding server mixes them
            raise _refusal(host, ip, kind)
        if str(ip) not in addresses:
            addresses.append(str(ip))
    if not addresses:
        raise socket.gaierror(f"{host} resolves to no address")
    return addresses


def check_url_host(host: str, port: int) -> None:
    """Refuse a request whose host is or resolves to a non-public address (resolver failures are
    left to the connection, which reports them as it always does)."""
    try:
        public_addresses(host, port)
    except OSError:
        pass


def guarded_backend() -> Any:
    """An httpcore network backend that connects only to public addresses it has checked itself."""
    import httpcore

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                        socket_options: Any = None) -> Any:
            try:
                addresses = public_addresses(host, port)
            except OSError as exc:
                raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from None
            last: Exception | None = None
            for address in addresses:  # connect to the checked address, never to the name again
                try:
                    return super().connect_tcp(address, port, timeout=timeout, local_address=local_address,
                                               socket_options=socket_options)
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                    last = exc
            assert last is not None
            raise last

    return GuardedBackend()


def guarded_transport(**options: Any) -> Any:
    """An httpx transport whose connections go through `guarded_backend()` (TLS still checks the
    certificate against the host name: httpcore passes the name, not the address, to the handshake)."""
    import httpcore
    import httpx

    transport = httpx.HTTPTransport(**options)
    pool = getattr(transport, "_pool", None)
    if not isinstance(pool, httpcore.ConnectionPool) or not hasattr(pool, "_network_backend"):
        # An httpx/httpcore release that builds its pool differently: fail closed, not open.
        raise RuntimeError("cannot install the public-address guard on this httpx version")
    pool._network_backend = guarded_backend()
    return transport
