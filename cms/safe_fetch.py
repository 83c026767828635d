"""HTTP to untrusted hosts: deadlines, a size limit, no redirect off the first origin, no private address.

Shared by the network (peers' APIs) and the importer (a commune's old portal). Every request
resolves the host once, refuses private, loopback, link-local and other special addresses unless
allowed, and connects to the address it checked (the ``Host`` header and TLS name stay the host's),
so that a second DNS answer cannot slip past the check.

Time is bounded by deadlines, not only by per-read timeouts: each request has a total deadline, and a
client may carry a deadline for all its work. Both are enforced at every socket operation (a custom
httpcore network backend clamps each connect, read and write to the time left), so a host that drips
one byte a second is cut off when the deadline passes, not when its answer ends.

Redirects are followed only to the same scheme, host and port as the address first asked for.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpcore
import httpx
from django.utils.translation import gettext_lazy as _

MAX_REDIRECTS = 3


class FetchError(Exception):
    """The host could not be read: unreachable, too slow, too big, refused, or not answering as expected."""


class FetchTimeLimit(FetchError):
    """The deadline of the client's whole work passed."""


#: What a client says when something goes wrong; a client for a particular kind of host words it its own way.
SITE_MESSAGES = {
    "unresolved": _("The site's host name does not resolve: %(error)s"),
    "no_address": _("The site's host name does not resolve."),
    "private": _("The site's address %(address)s is private or local; it is refused."),
    "scheme": _("Only http and https addresses can be used: %(url)s"),
    "credentials": _("Addresses with credentials are refused."),
    "port": _("The address has an invalid port: %(url)s"),
    "time_limit": _("The import reached its time limit."),
    "timeout": _("The site did not answer in time."),
    "off_host": _("The site sent us off its host, to %(url)s; refused."),
    "unreachable": _("The site could not be reached: %(error)s"),
    "redirects": _("The site redirected too many times."),
    "too_large": _("The site's answer is larger than %(limit)s bytes."),
    "broken": _("The site's answer broke off: %(error)s"),
}


class Deadline:
    """The moment by which the current request must be over (monotonic clock), shared with the sockets."""

    def __init__(self):
        self.at = None

    def clamp(self, timeout, expired):
        """``timeout`` shortened to the time left; ``expired`` (an httpcore timeout class) raised when none is."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            raise expired("deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, stream, deadline):
        self._stream = stream
        self._deadline = deadline

    def read(self, max_bytes, timeout=None):
        return self._stream.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer, timeout=None):
        self._stream.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self):
        self._stream.close()

    def start_tls(self, ssl_context, server_hostname=None, timeout=None):
        timeout = self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, timeout), self._deadline)

    def get_extra_info(self, info):
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, with every operation bounded by the time left before the deadline."""

    def __init__(self, deadline):
        self._backend = httpcore.SyncBackend()
        self._deadline = deadline

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        timeout = self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise httpcore.ConnectError("hosts are reached over TCP only")

    def sleep(self, seconds):
        self._backend.sleep(seconds)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport on a connection pool whose sockets obey ``deadline``."""

    def __init__(self, deadline):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=4,
            max_keepalive_connections=2,
            network_backend=_DeadlineBackend(deadline),
        )


def is_public(address):
    """Whether an IP address is an ordinary public one (not private, loopback, link-local, reserved…)."""
    return not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
        or (address.version == 6 and address.ipv4_mapped is not None and not is_public(address.ipv4_mapped))
    )


def resolve(host, port, allow_private, messages=SITE_MESSAGES, error=FetchError):
    """The address to connect to for ``host``; every address it resolves to must be allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise error(messages["unresolved"] % {"error": exc}) from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    if not addresses:
        raise error(messages["no_address"])
    if not allow_private:
        refused = [str(address) for address in addresses if not is_public(address)]
        if refused:
            raise error(messages["private"] % {"address": ", ".join(refused)})
    return addresses[0]


def check_url(url, messages=SITE_MESSAGES, error=FetchError):
    """The split address, if it is an http(s) address without credentials and with a valid port."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise error(messages["scheme"] % {"url": url[:200]})
    if parts.username or parts.password:
        raise error(messages["credentials"])
    try:
        parts.port  # noqa: B018 (an invalid port raises here)
    except ValueError:
        raise error(messages["port"] % {"url": url[:200]}) from None
    return parts


def origin(parts):
    """Scheme, host and port of a split address, the port made explicit."""
    return parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


@dataclass
class Fetched:
    """One answer: its status, headers, body and the address it finally came from (after redirects)."""

    status: int
    headers: httpx.Headers
    body: bytes
    url: str

    @property
    def content_type(self):
        return self.headers.get("Content-Type", "").split(";")[0].strip().lower()

    @property
    def charset(self):
        """The charset the headers declare, or ``""``."""
        for part in self.headers.get("Content-Type", "").split(";")[1:]:
            name, _sep, value = part.strip().partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip("\"'").lower()
        return ""


class SafeClient:
    """Reads from untrusted hosts within limits: timeouts, a total deadline per request, a size limit.

    ``deadline`` (a ``time.monotonic()`` value) bounds everything the client does; each request is
    moreover bounded by ``total_timeout``. Subclasses set ``messages`` and ``error`` to word failures
    for their kind of host.
    """

    messages = SITE_MESSAGES
    error = FetchError
    time_limit_error = FetchTimeLimit
    user_agent = "Bawaba/1.0"
    accept = "*/*"

    def __init__(
        self,
        *,
        allow_private=False,
        max_bytes,
        connect_timeout,
        read_timeout,
        total_timeout,
        deadline=None,
        max_redirects=MAX_REDIRECTS,
    ):
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.total_timeout = total_timeout
        self.deadline = deadline
        self.max_redirects = max_redirects
        self._socket_deadline = Deadline()
        self.http = httpx.Client(
            transport=_DeadlineTransport(self._socket_deadline),
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            follow_redirects=False,
            trust_env=False,
            headers={"User-Agent": self.user_agent},
        )
        self._addresses = {}

    def close(self):
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def check_url(self, url):
        return check_url(url, self.messages, self.error)

    def time_left(self):
        """Seconds left before the client's own deadline; ``None`` when it has none."""
        return None if self.deadline is None else self.deadline - time.monotonic()

    def _pinned(self, parts):
        """The request URL with the checked address in place of the host name, and the host to announce."""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        key = (parts.hostname, port)
        if key not in self._addresses:
            self._addresses[key] = resolve(parts.hostname, port, self.allow_private, self.messages, self.error)
        address = self._addresses[key]
        host = f"[{address}]" if address.version == 6 else str(address)
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, "")), parts.netloc

    def _timed_out(self):
        if self.deadline is not None and time.monotonic() >= self.deadline:
            return self.time_limit_error(self.messages["time_limit"])
        return self.error(self.messages["timeout"])

    def extra_headers(self, parts):
        """Headers added to a request to ``parts`` (e.g. a token for one origin only)."""
        return {}

    def fetch(self, method, url, *, params=None, content=None, headers=None, max_bytes=None):
        """Send one request and return a :class:`Fetched`.

        Redirects are followed only to the address's own scheme, host and port. The whole exchange,
        redirects included, ends by the request's deadline.
        """
        deadline = time.monotonic() + self.total_timeout
        if self.deadline is not None:
            deadline = min(deadline, self.deadline)
        if params:
            url = str(httpx.URL(url, params=params))
        start = origin(self.check_url(url))
        try:
            self._socket_deadline.at = deadline
            return self._exchange(method, url, start, content, headers, max_bytes or self.max_bytes)
        finally:
            self._socket_deadline.at = None

    def _exchange(self, method, url, start, content, headers, max_bytes):
        for _hop in range(self.max_redirects + 1):
            parts = self.check_url(url)
            if origin(parts) != start:
                raise self.error(self.messages["off_host"] % {"url": url[:200]})
            pinned, host = self._pinned(parts)
            request_headers = {"Host": host, "Accept": self.accept, **self.extra_headers(parts), **(headers or {})}
            extensions = {"sni_hostname": parts.hostname} if parts.scheme == "https" else {}
            try:
                request = self.http.build_request(
                    method, pinned, content=content, headers=request_headers, extensions=extensions
                )
                response = self.http.send(request, stream=True)
            except httpx.TimeoutException:
                raise self._timed_out() from None
            except httpx.HTTPError as exc:
                raise self.error(self.messages["unreachable"] % {"error": exc}) from None
            try:
                if response.is_redirect:
                    url = urljoin(url, response.headers.get("Location", ""))
                    continue
                body = self._read(response, max_bytes)
            finally:
                response.close()
            return Fetched(response.status_code, response.headers, body, url)
        raise self.error(self.messages["redirects"])

    def _read(self, response, max_bytes):
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise self.error(self.messages["too_large"] % {"limit": max_bytes})
        chunks, size = [], 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise self.error(self.messages["too_large"] % {"limit": max_bytes})
                chunks.append(chunk)
        except httpx.TimeoutException:
            raise self._timed_out() from None
        except httpx.HTTPError as exc:
            raise self.error(self.messages["broken"] % {"error": exc}) from None
        return b"".join(chunks)
