"""Fetching one holder's photo for `orgdocs import --download-photos` (issue 15): the only network access orgdocs
has, and only when asked. https only (a redirect to any other scheme is refused), a timeout, and no more than the
photo size cap read. What the bytes are is checked by validate.assets.photo_problem; nothing is ever fetched at
render time."""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

TIMEOUT = 10.0  # seconds for each photo: connect and each read
MAX_REDIRECTS = 3


class PhotoFetchError(Exception):
    """Why a photo URL gave no photo, as the rest of a sentence."""


class _HttpsRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another https URL, at most MAX_REDIRECTS times."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urljoin(req.full_url, newurl)
        if urllib.parse.urlsplit(target).scheme != "https":
            raise PhotoFetchError(f"redirects to {target!r}, which is not https; not followed")
        return super().redirect_request(req, fp, code, msg, headers, target)


def check_url(url: str) -> None:
    parts = urllib.parse.urlsplit(url.strip())
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise PhotoFetchError("is not an https:// URL; photos are fetched over https only")


def fetch(url: str, max_bytes: int, timeout: float = TIMEOUT) -> bytes:
    """The bytes at an https URL, at most max_bytes (more raises), or PhotoFetchError."""
    check_url(url)
    # only the https handler and the redirect rule: no file:, ftp: or data: handlers to fall back on
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.HTTPSHandler(), _HttpsRedirects(),
                    urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
        opener.add_handler(handler)
    request = urllib.request.Request(url.strip(), headers={"User-Agent": "orgdocs-import",
                                                           "Accept": "image/png, image/jpeg, image/webp"})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
    except PhotoFetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise PhotoFetchError(f"could not be fetched: the server answered {exc.code}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise PhotoFetchError(f"could not be fetched ({reason})") from None
    if len(data) > max_bytes:
        raise PhotoFetchError(f"is more than {max_bytes:,} bytes")
    return data
