"""Who may talk to ``newsgraph serve``: the ``Host`` and ``Origin`` checks and CORS.

A web page open in the user's browser can send requests to a server on
127.0.0.1. Three rules keep it from reading the graph or using the server:

* **No CORS by default.** A reply carries ``Access-Control-Allow-Origin`` only
  for the origin named by ``serve --cors ORIGIN`` (``*`` only if asked for), so a
  page from elsewhere cannot read the answers.
* **Host checked** (a DNS-rebinding defence): a page on ``evil.example`` whose
  name is made to resolve to 127.0.0.1 sends ``Host: evil.example:PORT``. Only the
  address served, ``localhost`` on a loopback address, and names given with
  ``--allow-host`` are answered; others get 403. On 0.0.0.0 or ``::`` any IP
  address and this machine's own names are accepted.
* **Origin checked**: a request that says it comes from a page (``Origin``) is
  refused unless that page is this server's own or the ``--cors`` origin, so a
  cross-site form cannot make the server work either.

Example:
    >>> guard = Guard("127.0.0.1", 8000)
    >>> guard.host_ok("127.0.0.1:8000"), guard.host_ok("localhost:8000"), guard.host_ok("evil.example:8000")
    (True, True, False)
    >>> guard.origin_ok("http://localhost:8000"), guard.origin_ok("https://evil.example")
    (True, False)
    >>> guard.cors_headers("https://evil.example")
    {}
    >>> Guard("127.0.0.1", 8000, cors="https://yasgui.example").cors_headers("https://yasgui.example")["Access-Control-Allow-Origin"]
    'https://yasgui.example'
"""
from __future__ import annotations

import ipaddress
import socket

__all__ = ["Guard"]

_LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


class Guard:
    """The Host, Origin and CORS rules for a server bound to ``host``:``port``."""

    def __init__(self, host: str, port: int, *, cors: str | None = None, allow_hosts=()):
        self.port = int(port)
        self.cors = cors.rstrip("/") if cors and cors != "*" else cors
        bound = host.strip("[]").lower()
        self.names = {bound} | {h.strip().strip("[]").lower() for h in allow_hosts if h.strip()}
        self.any_ip = False
        try:
            address = ipaddress.ip_address(bound)
        except ValueError:
            address = None
        if address is not None and address.is_loopback or bound in _LOOPBACK_NAMES:
            self.names |= {"127.0.0.1", "::1", *_LOOPBACK_NAMES}
        if address is not None and address.is_unspecified:  # 0.0.0.0 or ::: every address of ours
            self.any_ip = True
            self.names |= {"localhost", socket.gethostname().lower(), socket.getfqdn().lower()}

    def host_ok(self, header: str | None) -> bool:
        """True if a request with this ``Host`` header is for us (HTTP/1.0 may send none)."""
        if header is None:
            return True
        name, port = _split(header, 80)
        if port != self.port or not name:
            return False
        if name in self.names:
            return True
        if self.any_ip:
            try:
                ipaddress.ip_address(name)
                return True
            except ValueError:
                return False
        return False

    def origin_ok(self, origin: str | None) -> bool:
        """True if a request from a page of ``origin`` may be answered (no Origin: True)."""
        if origin is None:
            return True
        origin = origin.strip().rstrip("/")
        if self.cors is not None and (self.cors == "*" or origin == self.cors):
            return True
        scheme, _sep, rest = origin.partition("://")
        if scheme.lower() != "http" or not rest:
            return False
        return self.host_ok(rest)

    def cors_headers(self, origin: str | None) -> dict:
        """The CORS headers for a reply to a request from ``origin``: none unless ``--cors`` allows it."""
        if self.cors is None or origin is None:
            return {}
        if self.cors != "*" and origin.strip().rstrip("/") != self.cors:
            return {}
        return {"Access-Control-Allow-Origin": self.cors, "Vary": "Origin",
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type, Accept",
                "Access-Control-Expose-Headers": "X-Newsgraph-Truncated, X-Newsgraph-Truncated-By",
                "Access-Control-Max-Age": "600"}


def _split(hostport: str, default_port: int) -> tuple[str, int | None]:
    """``("name", port)`` from ``name[:port]`` or ``[v6][:port]``; port None if it is not a number."""
    text = hostport.strip().lower()
    if text.startswith("["):
        name, _sep, rest = text[1:].partition("]")
        port_text = rest[1:] if rest.startswith(":") else ""
    elif text.count(":") == 1:
        name, port_text = text.split(":")
    else:
        name, port_text = text, ""
    if not port_text:
        return name, default_port
    return name, int(port_text) if port_text.isdigit() else None
