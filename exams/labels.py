"""Words for codes the protocol lists without a label, and where each pain region sits on the body chart."""

from __future__ import annotations

REGION_LABELS = {
    "lower_back": "Lower back",
    "upper_buttock": "Upper buttock",
    "deep_buttock": "Deep buttock",
    "sacral_dimple": "Sacral dimple (PSIS)",
    "iliac_crest": "Posterior iliac crest",
    "lateral_hip": "Lateral hip (greater trochanter)",
    "ischial_tuberosity": "Ischial tuberosity (sit bone)",
    "posterior_thigh": "Back of the thigh",
    "below_knee": "Below the knee",
    "foot": "Foot",
    "groin": "Groin (front)",
}

SYMPTOM_LABELS = {
    "burning_or_electric": "Burning or electric pain",
    "numbness_tingling": "Numbness or pins and needles",
    "worse_sitting": "Worse when sitting",
    "worse_stairs_or_uphill": "Worse on stairs or uphill",
    "worse_cough_sneeze": "Worse on coughing or sneezing",
    "worse_transitions": "Worse getting up or turning over",
    "worse_standing": "Worse when standing",
    "worse_lying_on_side": "Worse lying on the painful side",
    "worse_hip_flexion_driving": "Worse with the hip bent (driving, squatting)",
    "recent_load_increase": "Recent increase in training or load",
    "back_pocket_wallet": "Wallet carried in a back pocket",
}

# Short names for the cluster counter ("SIJ cluster 2/4"); the full label is shown in the differential.
CONDITION_SHORT = {
    "sij_pain": "SIJ",
    "piriformis_syndrome": "Deep gluteal",
    "obturator_gemelli_syndrome": "Obturator / gemelli",
    "ischiofemoral_impingement": "Ischiofemoral",
    "proximal_hamstring_tendinopathy": "Hamstring",
    "gluteal_tendinopathy": "Gluteal tendon",
    "lumbar_radiculopathy": "Radicular",
    "myofascial_trigger_points": "Trigger point",
    "superior_cluneal_entrapment": "Cluneal",
}

SIDE_LABELS = {"left": "Left", "right": "Right", "": ""}

RESULT_CHOICES = (
    ("positive", "Positive", "✓"),
    ("negative", "Negative", "✗"),
    ("equivocal", "Equivocal", "?"),
    ("not_tested", "Not tested", "–"),
)


# Regions drawn on the body chart (positions live in static/css/exam.css as .spot-<side>-<region>); a region a
# later protocol adds is still offered in the checkbox list.
CHART_REGIONS = frozenset(REGION_LABELS)


def region_label(code: str) -> str:
    return REGION_LABELS.get(code, code.replace("_", " ").capitalize())


def symptom_label(code: str) -> str:
    return SYMPTOM_LABELS.get(code, code.replace("_", " ").capitalize())
