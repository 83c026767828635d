"""The importer's HTTP client: the shared safe client with the import's limits, and HTML decoding."""

import time

from bs4 import UnicodeDammit
from django.conf import settings

from cms.safe_fetch import FetchError, SafeClient

__all__ = ["FetchError", "ImportClient", "decode_html"]


class ImportClient(SafeClient):
    """Reads an old portal: deadlines, a size limit, redirects on the same host only, no private address.

    ``delay`` seconds pass between two requests to the same host, so that a crawl stays polite.
    """

    user_agent = "Bawaba-import/1.0"
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    def __init__(self, *, allow_private=False, delay=None, deadline=None):
        super().__init__(
            allow_private=allow_private,
            max_bytes=settings.BAWABA_IMPORT_MAX_PAGE_BYTES,
            connect_timeout=settings.BAWABA_IMPORT_CONNECT_TIMEOUT,
            read_timeout=settings.BAWABA_IMPORT_READ_TIMEOUT,
            total_timeout=settings.BAWABA_IMPORT_TOTAL_TIMEOUT,
            deadline=deadline,
        )
        self.delay = settings.BAWABA_IMPORT_CRAWL_DELAY if delay is None else delay
        self._last = {}

    def get(self, url, *, max_bytes=None):
        """GET ``url`` after the polite pause; a :class:`~cms.safe_fetch.Fetched` whatever its status."""
        host = self.check_url(url).hostname
        last = self._last.get(host)
        if last is not None and self.delay:
            wait = last + self.delay - time.monotonic()
            if wait > 0:
                time.sleep(wait)
        try:
            return self.fetch("GET", url, max_bytes=max_bytes)
        finally:
            self._last[host] = time.monotonic()


def decode_html(body, declared=""):
    """The text of an HTML page: the charset the headers declare first, then the page's own ``<meta>``.

    Windows-1256 (common on older Arabic sites) and other single-byte charsets are read as declared;
    a page that declares nothing is sniffed.
    """
    known = [declared] if declared else []
    dammit = UnicodeDammit(body, known_definite_encodings=known, is_html=True)
    if dammit.unicode_markup is None:
        return body.decode("utf-8", errors="replace")
    return dammit.unicode_markup
