"""Realistic presentations, written as a clinician would record them, one or more per condition.

Each case is a request body for the assess contract. They describe patients, not the engine: history, pain
map and the maneuvers a physiotherapist would do for that presentation, with a few tests that do not fit.
"""

from __future__ import annotations

from typing import Any


def _f(maneuver: str, result: str, side: str | None = None, familiar: bool | None = None) -> dict[str, Any]:
    finding: dict[str, Any] = {"maneuver": maneuver, "result": result}
    if side is not None:
        finding["side"] = side
    if familiar is not None:
        finding["familiar_pain"] = familiar
    return finding


def _pos(maneuver: str, side: str | None = None) -> dict[str, Any]:
    return _f(maneuver, "positive", side, True)


def _neg(maneuver: str, side: str | None = None) -> dict[str, Any]:
    return _f(maneuver, "negative", side)


def _regions(side: str, *regions: str) -> list[dict[str, str]]:
    return [{"region": r, "side": side} for r in regions]


# 38-year-old office worker, 4 months of left deep buttock pain after a long drive, burning into the back of
# the thigh, worse sitting and driving, keeps a wallet in the back pocket. No back pain.
PIRIFORMIS = {
    "affected_side": "left",
    "pain_regions": _regions("left", "deep_buttock", "posterior_thigh"),
    "symptoms": ["worse_sitting", "worse_hip_flexion_driving", "back_pocket_wallet", "burning_or_electric"],
    "findings": [
        _pos("fair", "left"),
        _pos("seated_piriformis_stretch", "left"),
        _pos("active_piriformis", "left"),
        _pos("sciatic_notch_palpation", "left"),
        _pos("pace_sign", "left"),
        _neg("freiberg_sign", "left"),
        _neg("straight_leg_raise", "left"),
        _neg("slump", "left"),
        _neg("neuro_deficit", "left"),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "left"),
        _neg("sij_compression"),
        _neg("greater_trochanter_palpation", "left"),
    ],
}

# 45-year-old woman, right-sided pain over the sacral dimple and upper buttock since a fall onto the bottom on
# ice, occasional groin ache, worse rolling in bed and standing up from a chair; no leg pain below the knee.
SIJ = {
    "affected_side": "right",
    "pain_regions": _regions("right", "sacral_dimple", "upper_buttock", "groin"),
    "symptoms": ["worse_transitions"],
    "findings": [
        _pos("sij_distraction"),
        _pos("sij_thigh_thrust", "right"),
        _pos("sij_compression"),
        _neg("sij_sacral_thrust"),
        _pos("gaenslen", "right"),
        _pos("faber", "right"),
        _f("repeated_movements_centralization", "negative"),
        _neg("straight_leg_raise", "right"),
        _neg("slump", "right"),
        _neg("fair", "right"),
        _neg("greater_trochanter_palpation", "right"),
    ],
}

# 50-year-old labourer, back pain then shooting pain down the left leg to the foot with pins and needles,
# worse coughing; reduced ankle reflex on the left. Pain moves back towards the spine with repeated extension.
RADICULOPATHY = {
    "affected_side": "left",
    "pain_regions": _regions("left", "lower_back", "deep_buttock", "posterior_thigh", "below_knee", "foot"),
    "symptoms": ["worse_cough_sneeze", "numbness_tingling", "burning_or_electric", "worse_sitting"],
    "findings": [
        _pos("straight_leg_raise", "left"),
        _pos("slump", "left"),
        _pos("crossed_straight_leg_raise", "left"),
        _f("neuro_deficit", "positive", "left"),
        _f("repeated_movements_centralization", "positive"),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "left"),
        _neg("fair", "left"),
        _f("active_piriformis", "positive", "left", False),
    ],
}

# 58-year-old woman, right outer hip and upper buttock pain, cannot lie on that side at night, worse on stairs
# and standing; started after a walking holiday.
GLUTEAL_TENDINOPATHY = {
    "affected_side": "right",
    "pain_regions": _regions("right", "lateral_hip", "upper_buttock"),
    "symptoms": ["worse_lying_on_side", "worse_stairs_or_uphill", "worse_standing", "recent_load_increase"],
    "findings": [
        _pos("greater_trochanter_palpation", "right"),
        _pos("single_leg_stance_30s", "right"),
        _pos("resisted_external_derotation", "right"),
        _f("faber", "positive", "right", True),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "right"),
        _neg("straight_leg_raise", "right"),
        _neg("fair", "right"),
    ],
}

# 29-year-old sprinter, left sit-bone pain for 3 months after increasing hill sprints, sore when sitting on
# hard chairs and driving; no pins and needles.
HAMSTRING = {
    "affected_side": "left",
    "pain_regions": _regions("left", "ischial_tuberosity", "posterior_thigh"),
    "symptoms": ["worse_sitting", "worse_stairs_or_uphill", "recent_load_increase", "worse_hip_flexion_driving"],
    "findings": [
        _pos("ischial_tuberosity_palpation", "left"),
        _pos("puranen_orava", "left"),
        _pos("bent_knee_stretch", "left"),
        _pos("modified_bent_knee_stretch", "left"),
        _neg("straight_leg_raise", "left"),
        _neg("slump", "left"),
        _neg("long_stride_walking", "left"),
        _neg("fair", "left"),
        _neg("sij_thigh_thrust", "left"),
    ],
}

# 41-year-old woman, right deep buttock pain lateral to the sit bone when walking fast with long strides,
# eases if she shortens her step; worse standing. Sitting is comfortable. Hamstring loading is painless.
ISCHIOFEMORAL = {
    "affected_side": "right",
    "pain_regions": _regions("right", "deep_buttock", "ischial_tuberosity"),
    "symptoms": ["worse_standing"],
    "findings": [
        _pos("long_stride_walking", "right"),
        _pos("ifi_test", "right"),
        _pos("ischial_tuberosity_palpation", "right"),
        _neg("puranen_orava", "right"),
        _neg("bent_knee_stretch", "right"),
        _neg("modified_bent_knee_stretch", "right"),
        _neg("straight_leg_raise", "right"),
        _neg("slump", "right"),
        _neg("fair", "right"),
        _neg("seated_piriformis_stretch", "right"),
        _neg("active_piriformis", "right"),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "right"),
        _neg("greater_trochanter_palpation", "right"),
    ],
}

# 47-year-old cyclist, left deep buttock and sit-bone pain with tingling down the back of the thigh when
# sitting; piriformis stretch positions are comfortable but resisted external rotation and passive internal
# rotation of the straight hip bring on the pain. Hamstring, disc and SIJ tests are clear.
OBTURATOR = {
    "affected_side": "left",
    "pain_regions": _regions("left", "deep_buttock", "ischial_tuberosity", "posterior_thigh"),
    "symptoms": ["worse_sitting", "numbness_tingling"],
    "findings": [
        _pos("active_piriformis", "left"),
        _neg("seated_piriformis_stretch", "left"),
        _neg("fair", "left"),
        _pos("freiberg_sign", "left"),
        _pos("ischial_tuberosity_palpation", "left"),
        _neg("puranen_orava", "left"),
        _neg("bent_knee_stretch", "left"),
        _neg("modified_bent_knee_stretch", "left"),
        _neg("long_stride_walking", "left"),
        _neg("straight_leg_raise", "left"),
        _neg("slump", "left"),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "left"),
        _neg("sij_compression"),
        _neg("gluteal_trigger_point_palpation", "left"),
        _neg("greater_trochanter_palpation", "left"),
        _neg("iliac_crest_palpation", "left"),
    ],
}

# 36-year-old warehouse worker, right upper buttock ache after a week of heavy lifting; a taut band in gluteus
# medius whose pressure reproduces the ache spreading to the outer hip. Joint, nerve and tendon tests clear.
MYOFASCIAL = {
    "affected_side": "right",
    "pain_regions": _regions("right", "upper_buttock"),
    "symptoms": ["recent_load_increase"],
    "findings": [
        _pos("gluteal_trigger_point_palpation", "right"),
        _neg("greater_trochanter_palpation", "right"),
        _neg("single_leg_stance_30s", "right"),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "right"),
        _neg("sij_compression"),
        _neg("straight_leg_raise", "right"),
        _neg("slump", "right"),
        _neg("fair", "right"),
        _neg("active_piriformis", "right"),
        _neg("iliac_crest_palpation", "right"),
    ],
}

# 63-year-old man, left low back and upper buttock pain along the back of the pelvic rim, worse getting up
# from a chair and standing; pressing the iliac crest about a hand's breadth from the spine reproduces it.
CLUNEAL = {
    "affected_side": "left",
    "pain_regions": _regions("left", "iliac_crest", "upper_buttock", "lower_back"),
    "symptoms": ["worse_transitions", "worse_standing"],
    "findings": [
        _pos("iliac_crest_palpation", "left"),
        _neg("sij_distraction"),
        _neg("sij_thigh_thrust", "left"),
        _neg("sij_compression"),
        _neg("straight_leg_raise", "left"),
        _neg("slump", "left"),
        _neg("gluteal_trigger_point_palpation", "left"),
        _neg("greater_trochanter_palpation", "left"),
        _f("repeated_movements_centralization", "negative"),
    ],
}

# 52-year-old man with leg pain in both legs and new numbness when wiping after the toilet: whatever the exam
# shows, this is an emergency.
CAUDA_EQUINA = {
    "red_flags": ["saddle_anaesthesia", "bilateral_leg_symptoms"],
    "pain_regions": _regions("left", "lower_back", "posterior_thigh") + _regions("right", "posterior_thigh"),
    "symptoms": ["numbness_tingling"],
    "findings": [_pos("straight_leg_raise", "left"), _pos("slump", "left"), _f("neuro_deficit", "positive", "left")],
}

# 68-year-old woman treated for breast cancer five years ago, new constant buttock pain that wakes her at
# night; her thigh-thrust test also reproduces the pain.
SERIOUS = {
    "affected_side": "right",
    "red_flags": ["history_of_cancer", "night_pain_unrelenting"],
    "pain_regions": _regions("right", "lower_back", "upper_buttock"),
    "findings": [_pos("sij_thigh_thrust", "right"), _pos("sij_distraction"), _neg("straight_leg_raise", "right")],
}

# Left buttock pain after a fall; two SIJ provocations and the active piriformis test hurt, the rest not yet
# done: joint and deep gluteal sources are both in play and the exam has to go on.
TOO_CLOSE = {
    "affected_side": "left",
    "pain_regions": _regions("left", "deep_buttock", "upper_buttock"),
    "findings": [_pos("sij_distraction"), _pos("active_piriformis", "left")],
}

# (case, condition expected at the head, whether the findings are conclusive enough for a working diagnosis)
CASES: dict[str, tuple[dict[str, Any], str, bool]] = {
    "piriformis": (PIRIFORMIS, "piriformis_syndrome", True),
    "sij": (SIJ, "sij_pain", True),
    "radiculopathy": (RADICULOPATHY, "lumbar_radiculopathy", True),
    "gluteal_tendinopathy": (GLUTEAL_TENDINOPATHY, "gluteal_tendinopathy", True),
    "hamstring": (HAMSTRING, "proximal_hamstring_tendinopathy", True),
    "ischiofemoral": (ISCHIOFEMORAL, "ischiofemoral_impingement", True),
    "obturator": (OBTURATOR, "obturator_gemelli_syndrome", False),
    "myofascial": (MYOFASCIAL, "myofascial_trigger_points", True),
    "cluneal": (CLUNEAL, "superior_cluneal_entrapment", True),
    "cauda_equina": (CAUDA_EQUINA, "cauda_equina_syndrome", True),
    "serious": (SERIOUS, "serious_pathology", True),
}
