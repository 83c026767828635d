"""HTTP to untrusted peers: timeouts, a size limit, no redirect off the peer's host, no private address.

Every request resolves the host once, refuses private, loopback, link-local and other special
addresses unless the peer's administrator allowed them, and connects to the address it checked
(the ``Host`` header and TLS name stay the peer's), so that a second DNS answer cannot slip past
the check.
"""

import ipaddress
import json
import socket
import time
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx
from django.utils.translation import gettext_lazy as _

from .models import network_setting

MAX_REDIRECTS = 3
USER_AGENT = "Bawaba-network/1.0"


class PeerError(Exception):
    """The peer could not be read: unreachable, too slow, too big, refused, or not speaking the protocol."""


def _is_public(address):
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (address.version == 6 and address.ipv4_mapped is not None and not _is_public(address.ipv4_mapped))
    )


def resolve(host, port, allow_private):
    """The address to connect to for ``host``; every address it resolves to must be allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise PeerError(_("The peer's host name does not resolve: %(error)s") % {"error": error}) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise PeerError(_("The peer's host name does not resolve."))
    if not allow_private:
        refused = [str(address) for address in addresses if not _is_public(address)]
        if refused:
            raise PeerError(
                _("The peer's address %(address)s is private or local; an administrator must allow it.")
                % {"address": ", ".join(refused)}
            )
    return addresses[0]


def _check_url(url):
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PeerError(_("Only http and https addresses can be used: %(url)s") % {"url": url[:200]})
    if parts.username or parts.password:
        raise PeerError(_("Addresses with credentials are refused."))
    return parts


class PeerClient:
    """Reads from (and posts to) one peer within the limits set for untrusted hosts."""

    def __init__(self, base_url, *, allow_private=False, token="", max_bytes=None):
        self.base = _check_url(base_url.rstrip("/") + "/")
        self.allow_private = allow_private
        self.token = token
        self.max_bytes = max_bytes or network_setting("BAWABA_NETWORK_MAX_RESPONSE_BYTES")
        self.total_timeout = network_setting("BAWABA_NETWORK_TOTAL_TIMEOUT")
        read = network_setting("BAWABA_NETWORK_READ_TIMEOUT")
        self.http = httpx.Client(
            timeout=httpx.Timeout(read, connect=network_setting("BAWABA_NETWORK_CONNECT_TIMEOUT")),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": USER_AGENT},
        )
        self._addresses = {}

    def close(self):
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def url(self, path):
        return urljoin(urlunsplit(self.base), path.lstrip("/"))

    def _pinned(self, parts):
        """The request URL with the checked address in place of the host name, and the host to announce."""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        key = (parts.hostname, port)
        if key not in self._addresses:
            self._addresses[key] = resolve(parts.hostname, port, self.allow_private)
        address = self._addresses[key]
        host = f"[{address}]" if address.version == 6 else str(address)
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), parts.netloc

    def request(self, method, url, *, params=None, content=None, headers=None):
        """Send one request, follow redirects on the peer's own host, and return ``(status, body bytes)``."""
        deadline = time.monotonic() + self.total_timeout
        if params:
            url = str(httpx.URL(url, params=params))
        for _hop in range(MAX_REDIRECTS + 1):
            parts = _check_url(url)
            if parts.hostname != self.base.hostname or parts.scheme != self.base.scheme:
                raise PeerError(_("The peer sent us off its host, to %(url)s; refused.") % {"url": url[:200]})
            pinned, host = self._pinned(parts)
            request_headers = {"Host": host, "Accept": "application/json", **(headers or {})}
            if self.token:
                request_headers["Authorization"] = f"Bearer {self.token}"
            extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
            try:
                request = self.http.build_request(
                    method, pinned, content=content, headers=request_headers, extensions=extensions
                )
                response = self.http.send(request, stream=True)
            except httpx.TimeoutException:
                raise PeerError(_("The peer did not answer in time.")) from None
            except httpx.HTTPError as error:
                raise PeerError(_("The peer could not be reached: %(error)s") % {"error": error}) from None
            try:
                if response.is_redirect:
                    location = response.headers.get("Location", "")
                    url = urljoin(url, location)
                    continue
                body = self._read(response, deadline)
            finally:
                response.close()
            return response.status_code, body
        raise PeerError(_("The peer redirected too many times."))

    def _read(self, response, deadline):
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.max_bytes:
            raise PeerError(_("The peer's answer is larger than %(limit)s bytes.") % {"limit": self.max_bytes})
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes(64 * 1024):
                size += len(chunk)
                if size > self.max_bytes:
                    raise PeerError(_("The peer's answer is larger than %(limit)s bytes.") % {"limit": self.max_bytes})
                if time.monotonic() > deadline:
                    raise PeerError(_("The peer did not answer in time."))
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise PeerError(_("The peer did not answer in time.")) from None
        except httpx.HTTPError as error:
            raise PeerError(_("The peer's answer broke off: %(error)s") % {"error": error}) from None
        return b"".join(chunks)

    def get_json(self, path, params=None):
        """GET a JSON document from the peer; ``None`` when it answers 404."""
        status, body = self.request("GET", self.url(path), params=params)
        if status == 404:
            return None
        if status != 200:
            raise PeerError(_("The peer answered %(status)s to %(path)s.") % {"status": status, "path": path})
        try:
            return json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise PeerError(_("The peer's answer to %(path)s is not valid JSON.") % {"path": path}) from None
