"""The one rule for links in the catalogue: a well-formed web address on the provider's own site.

Blogs, mirrors, proxies, staging and copy sites are refused wherever a `url` or `sources` entry
is read, so staff are never sent to a copy of a page that may be out of date or altered.
"""

from __future__ import annotations

from urllib.parse import urlparse

# Hosts that are never a provider's own page: blogs, mirrors, proxies, staging and copy sites.
# A host is refused when it is one of these or ends with "." plus one of them.
DENIED_HOSTS = (
    "medium.com", "substack.com", "blogspot.com", "wordpress.com", "tumblr.com",
    "pslhub.org", "scribd.com", "grokipedia.com", "hackmd.io", "web.archive.org",
    "webarchive.nationalarchives.gov.uk", "nhsd.io", "ebmdatalab.net", "pages.dev",
    "telblog.hee.nhs.uk", "terminalfour.net", "mirrorweb.com",
    "eudev.facultyofclinicalinformatics.org.uk", "squarespace.com",
)
# Words in a host name that mark a blog, proxy, mirror or staging copy, and labels (the parts
# between dots) that mark a development or test copy of a site.
DENIED_HOST_WORDS = ("blog", "proxy", "mirror", "staging", "nonprod", "non-prod", "production-like")
DENIED_HOST_LABELS = ("dev", "test", "uat", "preprod", "sandbox")


def is_valid_url(url: str) -> bool:
    """An http(s) address with a dotted host and no spaces."""
    if any(c.isspace() for c in url):
        return False
    parsed = urlparse(url)
    return parsed.scheme in ("https", "http") and "." in parsed.netloc


def denied_host(url: str) -> str | None:
    """The reason `url` is not a provider's own page, or None when its host is acceptable."""
    host = (urlparse(url).hostname or "").lower()
    for denied in DENIED_HOSTS:
        if host == denied or host.endswith("." + denied):
            return f"{host} is a blog, mirror, proxy or copy site, not the provider's page"
    for word in DENIED_HOST_WORDS:
        if word in host:
            return f"{host} looks like a {word} host, not the provider's page"
    for label in host.split("."):
        for marker in DENIED_HOST_LABELS:
            if label == marker or label.endswith("-" + marker):
                return f"{host} looks like a {marker} copy of a site, not the provider's page"
    return None
