"""Presentation beside the protocol's words: cluster short names, and the body chart's regions.

The words for regions, symptoms, sides and results, and the results' short names the screens show as icons,
are the protocol's (exams/words.py); what stays here is which regions the body chart has a spot for
(positions live in static/css/exam.css as .spot-<side>-<region>).
"""

from __future__ import annotations

# Short names for the cluster counter ("SIJ cluster 2/4"); other conditions use their protocol label.
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

# Regions drawn on the body chart; a region without a spot is still offered in the checkbox list.
# Regions seen from the front: tapped as named buttons beside the back view, not as spots on it.
FRONT_REGIONS = frozenset({"groin", "anterior_thigh", "abdomen"})
CHART_REGIONS = frozenset(
    {
        "lower_back",
        "upper_buttock",
        "deep_buttock",
        "sacral_dimple",
        "iliac_crest",
        "lateral_hip",
        "ischial_tuberosity",
        "posterior_thigh",
        "below_knee",
        "foot",
        "groin",
        "perineum",
        "coccyx",
        "anterior_thigh",
        "abdomen",
    }
)
