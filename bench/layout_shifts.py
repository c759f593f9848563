"""Name the nodes that shift while a page loads: the layout-shift entries Chromium reports, with their sources.

Run: .venv/bin/python bench/layout_shifts.py [--step deep_gluteal] [--cpu 4] [--width 820 --height 1180]
Serves the same production setup as bench/lighthouse_bench.py (its helpers), opens the exam step as Lighthouse's
tablet profile does (820x1180 at device scale 2, mobile, touch), with the CPU slowed and a slow-4G network, and
prints every layout shift with its score and the nodes that moved (before and after rectangles). Lighthouse's own
CLS audit names only the largest shift's element; this lists them all, in order, so a cause can be told from noise.
It prints figures; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

import lighthouse_bench as lh

OBSERVER = r"""
const label = n => !n ? '(gone)' : n.nodeType !== 1 ? '#text' : n.tagName.toLowerCase() + (n.id ? '#' + n.id : '')
  + (typeof n.className === 'string' && n.className ? '.' + n.className.trim().split(/\s+/).join('.') : '');
const box = r => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__shifts.push({
      value: entry.value, at: Math.round(entry.startTime), input: entry.hadRecentInput,
      sources: (entry.sources || []).map(s => ({
        node: label(s.node), before: box(s.previousRect), after: box(s.currentRect),
      })),
    });
  }
}).observe({type: 'layout-shift', buffered: true});
// What the scripts changed, with times, to line a shift up with its cause.
window.__changes = [];
new MutationObserver(records => {
  const at = Math.round(performance.now());
  for (const m of records) {
    if (window.__changes.length > 400) return;
    const what = m.type === 'attributes' ? m.attributeName + '=' + m.target.getAttribute(m.attributeName)
      : '+' + [...m.addedNodes].map(label).join(',') + ' -' + [...m.removedNodes].map(label).join(',');
    window.__changes.push({at, target: label(m.target), what: what.slice(0, 120)});
  }
}).observe(document, {subtree: true, childList: true, attributes: true});
// The boxes above the step body, each frame: which one grew, and when.
window.__boxes = [];
const watch = () => {
  const main = document.querySelector('.exam-main');
  if (main) {
    const seen = [...document.querySelectorAll('#exam-app > *, .exam-layout > *, #live-summary > *')]
      .map(n => label(n) + ':' + Math.round(n.getBoundingClientRect().height)).join(' ');
    const last = window.__boxes[window.__boxes.length - 1];
    if (!last || last.seen !== seen) window.__boxes.push({at: Math.round(performance.now()), seen});
  }
  if (performance.now() < 6000) requestAnimationFrame(watch);
};
requestAnimationFrame(watch);
"""


def shifts(url: str, session: str, args: argparse.Namespace) -> list[dict[str, object]]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=lh.CHROMIUM, headless=True, args=lh.FLAGS.split()[1:])
        context = browser.new_context(
            viewport={"width": args.width, "height": args.height},
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            service_workers="block",  # a first visit, as Lighthouse loads it: no worker answers yet
        )
        context.add_cookies([{"name": "sessionid", "value": session, "url": lh.BASE}])
        context.add_init_script(OBSERVER)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.cpu})
        cdp.send("Network.enable")
        cdp.send(
            "Network.emulateNetworkConditions",  # Lighthouse's slow 4G: 150 ms RTT, 1.6 Mbit/s down
            {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 7.5e5 / 8},
        )
        page.goto(url, wait_until="load")
        page.wait_for_timeout(args.settle * 1000)
        found = page.evaluate("() => window.__shifts")
        if args.changes:
            for change in page.evaluate("() => window.__changes"):
                print("change", json.dumps(change))
            for box in page.evaluate("() => window.__boxes"):
                print("boxes", json.dumps(box))
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--step", default="deep_gluteal")
    parser.add_argument("--cpu", type=float, default=4, help="CPU slow-down (Lighthouse simulates 4)")
    parser.add_argument("--width", type=int, default=820)
    parser.add_argument("--height", type=int, default=1180)
    parser.add_argument("--settle", type=float, default=3, help="seconds to watch after the load event")
    parser.add_argument("--changes", action="store_true", help="also print what the scripts changed, with times")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shifts-") as name:
        tmp = Path(name)
        env = lh.environment(tmp)
        manage = [str(lh.VENV / "python"), "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "--verbosity", "0"], cwd=lh.ROOT, env=env, check=True)
        subprocess.run([*manage, "load_protocols"], cwd=lh.ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        subprocess.run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], cwd=lh.ROOT, env=env, check=True)
        seed = [str(lh.VENV / "python"), str(lh.HERE / "seed.py")]
        seeded = subprocess.run(seed, cwd=lh.ROOT, env=env, check=True, capture_output=True, text=True)
        username, exam = seeded.stdout.split()[-2:]
        server = lh.server_start(env, tmp / "server.log")
        try:
            session = lh.sign_in(username, env["LIGHTHOUSE_PASSWORD"])
            found = shifts(f"{lh.BASE}/exams/{exam}/step/{args.step}/", session, args)
        finally:
            server.terminate()
            server.wait(timeout=20)
    total = sum(float(entry["value"]) for entry in found if not entry["input"])  # type: ignore[arg-type]
    print(f"{len(found)} layout shift(s) on the {args.step} step at {args.width}x{args.height}, total {total:.3f}")
    for entry in found:
        print(json.dumps(entry))


if __name__ == "__main__":
    main()
