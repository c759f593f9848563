import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from clinics.models import PaperSize
from reports.context import document_context_build
from reports.pdf import LocalFilesFetcher, URLRefused, document_render
from tests.reports.scenarios import pdf_reader, pdf_text

ARTEFACTS = Path(settings.BASE_DIR) / "artefacts" / "pdf"


@pytest.fixture
def fetcher(tmp_path):
    static = tmp_path / "static"
    (static / "img").mkdir(parents=True)
    (static / "img" / "logo.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.txt").write_text("not for the PDF")
    return LocalFilesFetcher(roots=(static,))


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/logo.png",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://example.com/file",
        "data:text/plain,hello",
        "file://evil.example.com/etc/passwd",
        "file:///etc/passwd",
    ],
)
def test_fetcher_refuses_anything_but_local_allowed_files(fetcher, url):
    with pytest.raises(URLRefused):
        fetcher.fetch(url)


def test_fetcher_refuses_a_path_that_climbs_out_of_the_static_folder(fetcher, tmp_path):
    climbing = (tmp_path / "static" / ".." / "secret.txt").as_posix()

    with pytest.raises(URLRefused, match="outside"):
        fetcher.fetch(f"file://{climbing}")


def test_fetcher_serves_a_file_inside_the_static_folder(fetcher, tmp_path):
    response = fetcher.fetch((tmp_path / "static" / "img" / "logo.png").as_uri())

    assert response.read() == b"\x89PNG fake"
    assert response.content_type == "image/png"


def test_default_fetcher_roots_are_static_and_media_folders():
    roots = LocalFilesFetcher().roots

    assert Path(settings.MEDIA_ROOT).resolve() in roots
    assert Path(settings.STATICFILES_DIRS[0]).resolve() in roots


@pytest.mark.parametrize(("paper", "size"), [(PaperSize.A4, (595, 842)), (PaperSize.LETTER, (612, 792))])
@pytest.mark.parametrize("kind", ["referral_letter", "treatment_plan"])
def test_page_size_follows_the_clinic_setting(completed_exam, paper, size, kind):
    completed_exam.clinic.paper_size = paper
    completed_exam.clinic.save()

    reader = pdf_reader(document_render(document_context_build(exam=completed_exam, kind=kind)))

    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == size


def test_pdf_is_tagged_titled_and_in_british_english(completed_exam):
    reader = pdf_reader(document_render(document_context_build(exam=completed_exam, kind="referral_letter")))
    root = reader.trailer["/Root"]

    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert str(root["/Lang"]).lower() == "en-gb"
    assert reader.metadata.title == "Referral letter: Jane Doe"


def test_every_page_footer_carries_the_patient_identifier_and_page_count(completed_exam):
    reader = pdf_reader(document_render(document_context_build(exam=completed_exam, kind="treatment_plan")))
    total = len(reader.pages)

    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "ID RP-0001" in text
        assert f"Page {number} of {total}" in text


def test_clinic_logo_from_media_is_embedded(completed_exam):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), (11, 79, 108)).save(buffer, format="PNG")
    completed_exam.clinic.logo = SimpleUploadedFile("riverside.png", buffer.getvalue(), content_type="image/png")
    completed_exam.clinic.save()

    reader = pdf_reader(document_render(document_context_build(exam=completed_exam, kind="referral_letter")))

    images = reader.pages[0].images
    assert len(images) == 1
    completed_exam.clinic.logo.delete(save=False)


@pytest.mark.parametrize("kind", ["referral_letter", "treatment_plan"])
def test_first_page_renders_to_png_for_a_person_to_look_at(completed_exam, kind):
    content = document_render(document_context_build(exam=completed_exam, kind=kind))
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    source = ARTEFACTS / f"{kind}.pdf"
    source.write_bytes(content)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm, "pdftoppm missing: install poppler-utils (make test does it)"

    command = [pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(source), str(ARTEFACTS / kind)]
    subprocess.run(command, check=True, timeout=60)  # noqa: S603 - fixed arguments, no shell

    png = ARTEFACTS / f"{kind}.png"
    assert png.stat().st_size > 5_000
    assert "Jane Doe" in pdf_text(content)
