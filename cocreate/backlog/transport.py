"""POSTing to a backlog without becoming a way into our own network: the host is resolved once, every
address must be public unless an admin allowed the host, and the connection goes to the address we checked
(so a DNS answer cannot change between the check and the request). Redirects are not followed."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT = 10.0
MAX_ANSWER = 64 * 1024


class Refused(Exception):
    """The URL may not be called (scheme, host or address); not worth retrying as it stands."""


class Unreachable(Exception):
    """The other side could not be reached or did not answer; worth retrying later."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: str


def check_url(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, path with query) of an http(s) URL with a host, or Refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("That is not a URL.") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused("Use an http:// or https:// URL with a host name.")
    if parts.username or parts.password:
        raise Refused("Put credentials in the token field, not in the URL.")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80), path


def public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(host: str, port: int, allowed_hosts: frozenset[str]) -> str:
    """The address to connect to: public, or any address of a host an admin allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Unreachable(f"Cannot resolve {host}: {exc}") from exc
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise Unreachable(f"{host} has no address.")
    if host not in allowed_hosts:
        private = [a for a in addresses if not public(a)]
        if private:
            raise Refused(
                f"{host} resolves to a private, loopback or reserved address ({private[0]}); an admin can "
                "allow this host under Admin → Backlog connectors."
            )
    return addresses[0]


class _Pinned(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        raw = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)


def post(url: str, body: bytes, headers: dict[str, str], allowed_hosts: frozenset[str]) -> Answer:
    """POST the body; any HTTP answer is returned (the caller decides), network trouble is Unreachable."""
    scheme, host, port, path = check_url(url)
    address = resolve(host, port, allowed_hosts)
    connection = (_PinnedTLS if scheme == "https" else _Pinned)(host, port, address, TIMEOUT)
    try:
        connection.request("POST", path, body=body, headers={"Content-Type": "application/json", **headers})
        response = connection.getresponse()
        answer = response.read(MAX_ANSWER).decode("utf-8", "replace")
        return Answer(response.status, answer)
    except (OSError, http.client.HTTPException) as exc:
        raise Unreachable(f"{type(exc).__name__}: {exc}") from exc
    finally:
        connection.close()
