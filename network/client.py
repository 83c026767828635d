"""HTTP to untrusted peers, on the shared safe client (``cms.safe_fetch``).

Every request resolves the host once, refuses private, loopback, link-local and other special
addresses unless the peer's administrator allowed them, and connects to the address it checked.
Time is bounded by deadlines enforced at every socket operation, for each request and for a whole
pull. Redirects are followed only to the same scheme, host and port, and the token is sent only to
the peer's own origin.
"""

import json
from urllib.parse import urljoin, urlunsplit

from django.utils.translation import gettext_lazy as _

from cms.safe_fetch import FetchError, FetchTimeLimit, SafeClient, check_url, origin

from .models import network_setting

USER_AGENT = "Bawaba-network/1.0"


class PeerError(FetchError):
    """The peer could not be read: unreachable, too slow, too big, refused, or not speaking the protocol."""


class TooLarge(PeerError):
    """The answer is larger than the limit set for it."""


class PeerTimeout(PeerError):
    """One request found no answer within its own limits (the pull's deadline is ``PullTimeLimit``)."""


class PullTimeLimit(PeerError, FetchTimeLimit):
    """The deadline of the whole pull passed; what was done is kept and the next pull goes on from there."""


PEER_MESSAGES = {
    "unresolved": _("The peer's host name does not resolve: %(error)s"),
    "no_address": _("The peer's host name does not resolve."),
    "private": _("The peer's address %(address)s is private or local; an administrator must allow it."),
    "scheme": _("Only http and https addresses can be used: %(url)s"),
    "credentials": _("Addresses with credentials are refused."),
    "port": _("The address has an invalid port: %(url)s"),
    "time_limit": _("The pull reached its time limit; the next pull goes on from where it stopped."),
    "timeout": _("The peer did not answer in time."),
    "off_host": _("The peer sent us off its host, to %(url)s; refused."),
    "unreachable": _("The peer could not be reached: %(error)s"),
    "redirects": _("The peer redirected too many times."),
    "too_large": _("The peer's answer is larger than %(limit)s bytes."),
    "broken": _("The peer's answer broke off: %(error)s"),
}


class PeerClient(SafeClient):
    """Reads from (and posts to) one peer within the limits set for untrusted hosts.

    ``deadline`` (a ``time.monotonic()`` value) bounds everything the client does, e.g. a whole pull;
    each request is moreover bounded by ``BAWABA_NETWORK_TOTAL_TIMEOUT``.
    """

    messages = PEER_MESSAGES
    error = PeerError
    time_limit_error = PullTimeLimit
    user_agent = USER_AGENT
    accept = "application/json"

    def __init__(self, base_url, *, allow_private=False, token="", max_bytes=None, deadline=None):
        self.base = check_url(base_url.rstrip("/") + "/", PEER_MESSAGES, PeerError)
        self.token = token
        super().__init__(
            allow_private=allow_private,
            max_bytes=max_bytes or network_setting("BAWABA_NETWORK_MAX_RESPONSE_BYTES"),
            connect_timeout=network_setting("BAWABA_NETWORK_CONNECT_TIMEOUT"),
            read_timeout=network_setting("BAWABA_NETWORK_READ_TIMEOUT"),
            total_timeout=network_setting("BAWABA_NETWORK_TOTAL_TIMEOUT"),
            deadline=deadline,
        )

    def url(self, path):
        return urljoin(urlunsplit(self.base), path.lstrip("/"))

    def extra_headers(self, parts):
        if self.token and origin(parts) == origin(self.base):
            return {"Authorization": f"Bearer {self.token}"}
        return {}

    def request(self, method, url, *, params=None, content=None, headers=None, max_bytes=None):
        """Send one request and return ``(status, body bytes)``."""
        fetched = self.fetch(method, url, params=params, content=content, headers=headers, max_bytes=max_bytes)
        return fetched.status, fetched.body

    def _timed_out(self):
        error = super()._timed_out()
        return error if isinstance(error, PullTimeLimit) else PeerTimeout(str(error))

    def _read(self, response, max_bytes):
        too_large = str(self.messages["too_large"] % {"limit": max_bytes})
        try:
            return super()._read(response, max_bytes)
        except PeerError as error:
            if str(error) == too_large:
                raise TooLarge(too_large) from None
            raise

    def get_file(self, url, max_bytes):
        """GET a file (an image or a document) at ``url``, at most ``max_bytes``; its bytes.

        Redirects are followed on the file's own scheme, host and port only, as for the peer's API.
        """
        status, body = self.request("GET", url, headers={"Accept": "*/*"}, max_bytes=max_bytes)
        if status != 200:
            raise PeerError(_("The peer answered %(status)s to %(path)s.") % {"status": status, "path": url[:200]})
        return body

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
