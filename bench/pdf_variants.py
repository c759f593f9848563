"""Measure candidate ways of making the PDFs cheaper, each against the documents as shipped.

Run: .venv/bin/python bench/pdf_variants.py [runs]. For each variant (a style sheet edit, a write_pdf option, the
garbage collector) and each document it prints the Python calls of one render, which a busy machine does not move,
and the best CPU time of `runs` renders taken in turn with the shipped one, so load drift hits them alike. Asserts
nothing; the variants are experiments, not the shipped settings (some would break the PDF/UA tagging or the
footer the tests pin, and are here to show what they would be worth).
"""

from __future__ import annotations

import cProfile
import gc
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django.template.loader import render_to_string  # noqa: E402
from pdf_bench import TRIVIAL, exam_prepare  # noqa: E402  (sets Django up on a throwaway database)
from weasyprint import CSS, HTML  # noqa: E402

from reports.card import card_context  # noqa: E402
from reports.context import document_context_build  # noqa: E402
from reports.pdf import PDF_VARIANT, LocalFilesFetcher, font_config, html_render  # noqa: E402

SHEET = render_to_string("reports/pdf.css", {"page_size": "A4"})


def _edit(pattern: str, replacement: str) -> Callable[[str], str]:
    """A style sheet edit that must change something, so a renamed rule cannot pass for "no effect"."""

    def apply(css: str) -> str:
        edited = re.sub(pattern, replacement, css, flags=re.DOTALL)
        assert edited != css, f"{pattern!r} matched nothing in reports/pdf.css"
        return edited

    return apply


@dataclass(frozen=True)
class Variant:
    name: str
    css: Callable[[str], str] = lambda css: css
    html: Callable[[str], str] = lambda html: html
    options: dict[str, object] = field(default_factory=dict)
    gc_off: bool = False


VARIANTS = (
    Variant("as shipped"),
    Variant("uncompressed_pdf", options={"uncompressed_pdf": True}),
    Variant("hinting kept", options={"hinting": True}),
    Variant("pdf_tags, no PDF/UA (not allowed)", options={"pdf_variant": None, "pdf_tags": True}),
    Variant("no kerning, no ligatures", css=lambda css: css + "html{font-kerning:none;font-variant-ligatures:none}"),
    Variant("one font family", css=_edit(r'"DejaVu Serif", serif', '"DejaVu Sans", sans-serif')),
    Variant("Liberation instead of DejaVu", css=lambda css: css.replace("DejaVu", "Liberation")),
    Variant("no border-radius", css=_edit(r"border-radius:[^;]+;", "")),
    Variant("no floats", css=_edit(r"float: (left|right);", "")),
    Variant("no break-inside: avoid", css=_edit(r"break-inside: avoid;", "")),
    Variant(
        "footer by string-set, not a running element",
        css=lambda css: _edit(r"content: element\(footer\);", "content: string(footer); font-size: 7.5pt;")(
            _edit(r"\.running-footer \{[^}]*\}", ".running-footer { string-set: footer content(); display: none; }")(
                css
            )
        ),
    ),
    Variant("no 'Page x of y' (the tests pin it)", css=_edit(r"@bottom-right \{.*?\}\n", "")),
    Variant("no white space between tags", html=lambda html: re.sub(r">\s+<", "><", html)),
    Variant("no style sheet but @page (the ceiling)", css=lambda css: css.split("html {")[0]),
    Variant("garbage collector off", gc_off=True),
)


def render(variant: Variant, sheet: CSS, html: str) -> bytes:
    options: dict[str, object] = {"pdf_variant": PDF_VARIANT, **variant.options}
    if variant.gc_off:
        gc.disable()
    try:
        source = HTML(string=variant.html(html), url_fetcher=LocalFilesFetcher())
        pdf: bytes = source.write_pdf(stylesheets=[sheet], font_config=font_config(), **options)
        return pdf
    finally:
        gc.enable()


def calls(action: Callable[[], object]) -> int:
    action()
    profile = cProfile.Profile()
    profile.runcall(action)
    return sum(entry.callcount for entry in profile.getstats())


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3  # `make bench` runs it too; pass 7 for steadier times
    exam = exam_prepare()
    documents = {
        kind: html_render(document_context_build(exam=exam, kind=kind))
        for kind in ("referral_letter", "treatment_plan")
    }
    documents["safety_net_card"] = html_render(card_context(exam.clinic))
    sheets = [CSS(string=variant.css(SHEET), font_config=font_config()) for variant in VARIANTS]
    trivial = min(_cpu_ms(lambda: HTML(string=TRIVIAL).write_pdf()) for _ in range(runs))
    trivial_calls = calls(lambda: HTML(string=TRIVIAL).write_pdf())
    print(f"trivial page, WeasyPrint defaults: best of {runs} {trivial:.1f} ms CPU, {trivial_calls:,} calls")
    for kind, html in documents.items():
        best = [float("inf")] * len(VARIANTS)
        for round_ in range(runs):  # in turn, each round from another variant: all see the same load
            for step in range(len(VARIANTS)):
                i = (round_ + step) % len(VARIANTS)
                best[i] = min(best[i], _cpu_ms(lambda i=i, html=html: render(VARIANTS[i], sheets[i], html)))
        shipped = calls(lambda html=html: render(VARIANTS[0], sheets[0], html))
        print(f"\n{kind}")
        for i, (variant, sheet) in enumerate(zip(VARIANTS, sheets, strict=True)):
            work = calls(lambda v=variant, s=sheet, html=html: render(v, s, html))
            print(
                f"  {variant.name:<46} {work:>9,} calls ({(work / shipped - 1) * 100:+5.1f}%)"
                f"  {best[i]:6.1f} ms CPU ({best[i] / trivial:4.1f}x trivial)"
            )


def _cpu_ms(action: Callable[[], object]) -> float:
    """CPU time of one call, from a collected heap so no render pays for the garbage of the one before."""
    gc.collect()
    start = time.process_time()
    action()
    return (time.process_time() - start) * 1000


if __name__ == "__main__":
    main()
