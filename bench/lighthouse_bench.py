"""Lighthouse at a tablet profile on the sign-in, patient list and exam step pages; installability; first-load weight.

Run: .venv/bin/python bench/lighthouse_bench.py [--runs 1]
Serves the production settings (gunicorn, WhiteNoise's compressed static files) on 127.0.0.1:8814 from a
throw-away SQLite database, signs in through the real form, and runs npm's Lighthouse 12 (installed into
bench/lighthouse/ on first use) with Debian's Chromium: an 820x1180 tablet screen at device scale 2, Lighthouse's
default simulated throttling (slow 4G, 4x CPU). Signed-in pages get the session cookie through
`--extra-headers` (the production cookie is `Secure`, and this loopback server is plain http).
It then asks Chromium itself (DevTools `Page.getInstallabilityErrors`; Lighthouse 12 dropped its PWA audits)
whether each page is installable, and weighs the exam step's first load: every request until the load event
with a cold cache, static files as served (Brotli or gzip from WhiteNoise), the HTML as gzip would send it
(compression of pages belongs to the proxy). It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = Path(sys.executable).parent
HERE = ROOT / "bench" / "lighthouse"
REPORTS = ROOT / "artefacts" / "lighthouse"  # the full JSON reports, to see where the points went
PORT = 8814
BASE = f"http://127.0.0.1:{PORT}"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"
TABLET = [
    "--form-factor=mobile",
    "--screenEmulation.mobile=true",
    "--screenEmulation.width=820",
    "--screenEmulation.height=1180",
    "--screenEmulation.deviceScaleFactor=2",
]
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 95, "accessibility": 100}
FIRST_LOAD_KB = 60


def environment(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{tmp / 'lighthouse.sqlite3'}",
        "MEDIA_ROOT": str(tmp / "media"),
        "SECURE_SSL_REDIRECT": "0",  # TLS ends at the proxy; loopback http is what the app process sees
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "WARNING",
        "LIGHTHOUSE_PASSWORD": secrets.token_urlsafe(16),
    }


def lighthouse_bin() -> Path:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--quiet"], cwd=HERE, check=True)
    return binary


def server_start(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [str(VENV / "gunicorn"), "config.wsgi:application", "-c", "config/gunicorn.py", "-b", f"127.0.0.1:{PORT}"]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=sink, stderr=sink)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{BASE}/accounts/login/", timeout=2)  # noqa: S310 - loopback only
            return process
        except OSError:
            if time.monotonic() > deadline:
                process.terminate()
                raise SystemExit("the server did not answer within 60 s") from None
            time.sleep(0.3)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def sign_in(username: str, password: str) -> str:
    """Sign in through the real form and return the session cookie's value."""
    page = urllib.request.urlopen(f"{BASE}/accounts/login/", timeout=10)  # noqa: S310 - loopback only
    cookies = dict(re.findall(r"(\w+)=([^;]+)", "; ".join(page.headers.get_all("Set-Cookie") or [])))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.read().decode()).group(1)  # type: ignore[union-attr]
    body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
    request = urllib.request.Request(  # noqa: S310 - loopback only
        f"{BASE}/accounts/login/", data=body.encode(), headers={"Cookie": f"csrftoken={cookies['csrftoken']}"}
    )
    try:
        urllib.request.build_opener(NoRedirect).open(request, timeout=10)
    except urllib.error.HTTPError as answer:  # the 302 after a good sign-in
        found = re.search(r"sessionid=([^;]+)", "; ".join(answer.headers.get_all("Set-Cookie") or []))
        if answer.code == 302 and found:
            return found.group(1)
    raise SystemExit("sign-in failed: no session cookie")


def lighthouse_run(binary: Path, url: str, headers: Path | None, out: Path) -> dict[str, object]:
    command = [str(binary), url, f"--chrome-flags={FLAGS}", "--output=json", f"--output-path={out}", "--quiet"]
    command += TABLET + [f"--only-categories={','.join(CATEGORIES)}"]
    if headers:
        command.append(f"--extra-headers={headers}")
    for _attempt in range(2):  # Lighthouse now and then fails to see the navigation start (NO_NAVSTART): once more
        subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=False)
        report = json.loads(out.read_text()) if out.exists() else {}
        if report and not report.get("runtimeError"):
            return report
    return report


def scores(report: dict[str, object]) -> dict[str, int | None]:
    categories = report.get("categories", {})
    assert isinstance(categories, dict)
    result: dict[str, int | None] = {}
    for name in CATEGORIES:
        score = categories.get(name, {}).get("score")
        result[name] = None if score is None else round(score * 100)
    return result


def failing_audits(report: dict[str, object], category: str) -> list[str]:
    refs = report.get("categories", {}).get(category, {}).get("auditRefs", [])  # type: ignore[union-attr]
    audits = report.get("audits", {})
    assert isinstance(audits, dict)
    return [
        ref["id"]
        for ref in refs
        if ref.get("weight") and (audits.get(ref["id"], {}).get("score") is not None) and audits[ref["id"]]["score"] < 1
    ]


def browser_figures(pages: dict[str, str], session: str, tmp: Path) -> tuple[dict[str, list[str]], dict[str, float]]:
    """Installability errors per page, and the exam step's first load in compressed kilobytes."""
    from playwright.sync_api import sync_playwright

    installability: dict[str, list[str]] = {}
    weight: dict[str, float] = {"static": 0.0, "html": 0.0, "requests": 0.0}
    with sync_playwright() as p:
        for name, url in pages.items():
            # A profile on disk, as on a tablet: Chromium never offers to install from an incognito window.
            context = p.chromium.launch_persistent_context(
                tmp / f"profile-{len(installability)}",
                executable_path=CHROMIUM,
                headless=True,
                args=FLAGS.split()[1:],
                viewport={"width": 820, "height": 1180},
                has_touch=True,
            )
            if name != "sign-in":
                context.add_cookies([{"name": "sessionid", "value": session, "url": BASE}])
            page = context.new_page()
            responses = []
            page.on("requestfinished", lambda request, seen=responses: seen.append(request))
            page.goto(url, wait_until="load")
            cdp = context.new_cdp_session(page)
            errors = cdp.send("Page.getInstallabilityErrors").get("installabilityErrors", [])
            installability[name] = [error["errorId"] for error in errors]
            if name == "exam step":
                for request in list(responses):
                    response = request.response()
                    if response is None:
                        continue
                    if request.resource_type == "document":
                        weight["html"] += len(gzip.compress(response.body(), 6)) / 1024
                    else:
                        weight["static"] += request.sizes()["responseBodySize"] / 1024
                    weight["requests"] += 1
            context.close()
    return installability, weight


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1, help="Lighthouse runs per page; the median is printed")
    args = parser.parse_args()
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as name:
        tmp = Path(name)
        env = environment(tmp)
        manage = [str(VENV / "python"), "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "load_protocols"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True)
        seeded = subprocess.run(
            [str(VENV / "python"), str(HERE / "seed.py")], cwd=ROOT, env=env, check=True, capture_output=True, text=True
        )
        username, exam = seeded.stdout.split()[-2:]
        server = server_start(env, tmp / "server.log")
        try:
            session = sign_in(username, env["LIGHTHOUSE_PASSWORD"])
            headers = tmp / "headers.json"
            headers.write_text(json.dumps({"Cookie": f"sessionid={session}"}))
            pages = {
                "sign-in": f"{BASE}/accounts/login/",
                "patient list": f"{BASE}/patients/",
                "exam step": f"{BASE}/exams/{exam}/step/deep_gluteal/",
            }
            version = subprocess.run([str(binary), "--version"], capture_output=True, text=True).stdout.strip()
            print(
                f"Lighthouse {version}, tablet 820x1180 @2x, simulated slow 4G and 4x CPU, {args.runs} run(s) per page"
            )
            print(f"{'page':<14} {'performance':>11} {'accessibility':>13} {'best-practices':>14}  below 100")
            for label, url in pages.items():
                runs = []
                for n in range(args.runs):
                    report = lighthouse_run(binary, url, None if label == "sign-in" else headers, tmp / f"lh-{n}.json")
                    runs.append((scores(report), report))
                runs.sort(key=lambda run: run[0]["performance"] or 0)
                figures, report = runs[len(runs) // 2]
                REPORTS.mkdir(parents=True, exist_ok=True)
                (REPORTS / f"{label.replace(' ', '-')}.json").write_text(json.dumps(report))
                below = failing_audits(report, "performance") + failing_audits(report, "accessibility")
                widths = zip(CATEGORIES, (11, 13, 14), strict=True)
                row = "".join(f" {figures[c] if figures[c] is not None else '-':>{w}}" for c, w in widths)
                print(f"{label:<14}{row}  {', '.join(below) or '-'}")
            installability, weight = browser_figures(pages, session, tmp)
        finally:
            server.terminate()
            server.wait(timeout=20)
    for label, errors in installability.items():
        print(f"installable, {label}: {'yes' if not errors else 'no: ' + ', '.join(errors)}")
    total = weight["static"] + weight["html"]
    print(
        f"exam step first load: {total:.1f} KB compressed in {int(weight['requests'])} requests "
        f"(HTML {weight['html']:.1f} KB gzip, static {weight['static']:.1f} KB as served); target <= {FIRST_LOAD_KB} KB"
    )
    print(f"targets: performance >= {TARGETS['performance']}, accessibility {TARGETS['accessibility']}, installable")


if __name__ == "__main__":
    main()
