"""Time the assessment engine on the shipped protocol: `python bench/engine_bench.py [runs]`.

Prints the median and 99th percentile, in microseconds, of `assess` on a full exam (every maneuver on both
sides) and on a partial exam where the next-maneuver search has real work to do; target median < 1000 us.
Pure Python: needs no database and no Django settings.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocols.engine import assess, assessment_to_dict, exam_input_parse  # noqa: E402
from protocols.engine.types import ExamInput, Protocol  # noqa: E402
from protocols.loader import protocol_load_file  # noqa: E402

PROTOCOL_FILE = ROOT / "protocols" / "data" / "buttock-pain" / "1.0.0.yaml"
POSITIVE = {"fair", "seated_piriformis_stretch", "active_piriformis", "sciatic_notch_palpation", "sij_distraction"}


def exam_full(protocol: Protocol) -> dict[str, object]:
    """Every maneuver recorded on both sides; a deep gluteal picture on the left, negatives elsewhere."""
    findings: list[dict[str, object]] = []
    for code, maneuver in protocol.maneuvers.items():
        for side in ("left", "right") if maneuver.sided else (None,):
            positive = code in POSITIVE and side in ("left", None)
            finding: dict[str, object] = {
                "maneuver": code,
                "result": "positive" if positive else "negative",
                "familiar_pain": positive,
            }
            if side:
                finding["side"] = side
            findings.append(finding)
    return {
        "affected_side": "left",
        "pain_regions": [{"region": "deep_buttock", "side": "left"}, {"region": "posterior_thigh", "side": "left"}],
        "symptoms": ["worse_sitting", "burning_or_electric"],
        "findings": findings,
    }


def exam_partial() -> dict[str, object]:
    """Two positive tests and two negatives: most maneuvers remain candidates for the next step."""
    return {
        "affected_side": "left",
        "pain_regions": [{"region": "deep_buttock", "side": "left"}],
        "findings": [
            {"maneuver": "sij_distraction", "result": "positive", "familiar_pain": True},
            {"maneuver": "active_piriformis", "side": "left", "result": "positive", "familiar_pain": True},
            {"maneuver": "straight_leg_raise", "side": "left", "result": "negative"},
            {"maneuver": "greater_trochanter_palpation", "side": "left", "result": "negative"},
        ],
    }


def timings_us(call: Callable[[], object], runs: int) -> tuple[float, float]:
    """Return (median, p99) of `runs` calls in microseconds, after a short warm-up."""
    for _ in range(100):
        call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        call()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def main(runs: int = 10_000) -> None:
    protocol = protocol_load_file(PROTOCOL_FILE)
    print(f"protocol {protocol.code} {protocol.version}, {runs} runs each, python {sys.version.split()[0]}")
    for name, body in (("full exam", exam_full(protocol)), ("partial exam", exam_partial())):
        exam: ExamInput = exam_input_parse(protocol, body)
        count = len(exam.findings)
        median, p99 = timings_us(lambda exam=exam: assess(protocol, exam), runs)
        print(f"{name:13s} ({count:2d} findings) assess:                  median {median:7.1f} us   p99 {p99:7.1f} us")
        median, p99 = timings_us(
            lambda body=body: assessment_to_dict(assess(protocol, exam_input_parse(protocol, body))), runs
        )
        print(f"{name:13s} ({count:2d} findings) parse + assess + to_dict: median {median:7.1f} us   p99 {p99:7.1f} us")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
