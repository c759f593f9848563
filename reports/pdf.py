"""Render a document context to PDF bytes with WeasyPrint: tagged (PDF/UA-1), offline, on the clinic's paper.

WeasyPrint may only read files from our static and media folders; everything else, above all the network, is
refused, so a crafted clinic address or logo URL can never make the server fetch something (style.md section 8).
"""

from __future__ import annotations

import mimetypes
import ssl
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.document import CardContext, DocumentContext
from reports.models import DocumentKind

PDF_VARIANT = "pdf/ua-1"  # tagged structure, /Lang and the title shown in the viewer's title bar
TEMPLATES = {
    DocumentKind.REFERRAL_LETTER: "reports/referral_letter.html",
    DocumentKind.TREATMENT_PLAN: "reports/treatment_plan.html",
    "safety_net_card": "reports/safety_net_card.html",
}
PAGE_SIZES = {"A4": "A4", "Letter": "letter"}


_NO_NETWORK = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)  # verifies certificates against an empty CA store


class URLRefused(ValueError):
    """WeasyPrint asked for something outside the static and media folders."""


class LocalFilesFetcher(URLFetcher):
    """Serve file:// URLs that resolve inside the allowed folders; refuse every other URL."""

    def __init__(self, roots: tuple[Path, ...] | None = None) -> None:
        # A missing logo prints without it rather than failing the letter (fail_on_errors=False). The parent also
        # builds HTTP(S) handlers that `fetch` below never reaches; handing it a bare SSL context keeps it from
        # loading the system's certificates for them (26-40 ms a render), and one with no CA trusts nobody.
        # Named rather than super() so mypy sees WeasyPrint's (untyped, excluded) __init__ being called.
        URLFetcher.__init__(self, allowed_protocols=("file",), fail_on_errors=False, ssl_context=_NO_NETWORK)
        self.roots = tuple(root.resolve() for root in (roots if roots is not None else allowed_roots()))

    def path_for(self, url: str) -> Path:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise URLRefused(f"Refused to fetch {url!r}: only local static and media files are allowed.")
        path = Path(unquote(parts.path)).resolve()  # resolve() defeats ../ and symlinks out of the roots
        if not any(path.is_relative_to(root) for root in self.roots):
            raise URLRefused(f"Refused to fetch {url!r}: outside the static and media folders.")
        if not path.is_file():
            raise URLRefused(f"Refused to fetch {url!r}: no such file.")
        return path

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        path = self.path_for(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body=path.read_bytes(), headers={"Content-Type": mime})


def allowed_roots() -> tuple[Path, ...]:
    """Return the folders WeasyPrint may read: STATIC_ROOT, STATICFILES_DIRS and MEDIA_ROOT."""
    roots = [settings.STATIC_ROOT, *settings.STATICFILES_DIRS, settings.MEDIA_ROOT]
    return tuple(Path(str(root)) for root in roots if root)


# Pango font maps are not safe to share between threads: each thread (runserver, gthread workers) keeps its own.
_per_thread = threading.local()


def font_config() -> FontConfiguration:
    """Share one font configuration per thread: building it for every render costs a fontconfig scan."""
    if not hasattr(_per_thread, "font_config"):
        _per_thread.font_config = FontConfiguration()
        _per_thread.stylesheets = {}
    config: FontConfiguration = _per_thread.font_config
    return config


def stylesheet(paper_size: str) -> CSS:
    """Parse the print stylesheet once per paper size and thread; the documents differ only in content."""
    config = font_config()
    sheets: dict[str, CSS] = _per_thread.stylesheets
    if paper_size not in sheets:
        css = render_to_string("reports/pdf.css", {"page_size": PAGE_SIZES.get(paper_size, "A4")})
        sheets[paper_size] = CSS(string=css, font_config=config)
    return sheets[paper_size]


def html_render(context: DocumentContext | CardContext) -> str:
    """Return the document's HTML (also handy to inspect a layout in a browser)."""
    return render_to_string(TEMPLATES[context.kind], {"doc": context})


def pdf_layout(html: str, *, paper_size: str) -> Document:
    """Lay out HTML on the clinic's paper, fetching only local files: the cascade, the boxes and line breaking.

    Apart from pdf_render so the bench can time the two halves of a render as production runs them.
    """
    source = HTML(string=html, base_url=Path(settings.BASE_DIR).as_uri() + "/", url_fetcher=LocalFilesFetcher())
    document = source.render(stylesheets=[stylesheet(paper_size)], font_config=font_config(), pdf_variant=PDF_VARIANT)
    assert isinstance(document, Document)  # WeasyPrint is untyped: say what render returns
    return document


def pdf_render(html: str, *, paper_size: str) -> bytes:
    """Lay out HTML on the clinic's paper and return tagged PDF bytes (painting and writing the laid-out pages)."""
    pdf = pdf_layout(html, paper_size=paper_size).write_pdf(pdf_variant=PDF_VARIANT)
    assert isinstance(pdf, bytes)  # write_pdf returns bytes when no target is given
    return pdf


def document_render(context: DocumentContext | CardContext) -> bytes:
    """Render a referral letter or treatment plan to PDF bytes."""
    return pdf_render(html_render(context), paper_size=context.clinic.paper_size)
