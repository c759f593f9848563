"""The reports' care sections (recipients, exercise library): a draft 1.1.0 shape read and checked."""

import pytest

from protocols.care import CareError
from reports.letter_care import letter_care_from_mapping

DRAFT = {
    "recipients": {
        "gp": {
            "role": "review in primary care, prescribe and refer on",
            "asks": [{"text": "Review and medication advice.", "judgement": True}],
            "conditions": {"piriformis_syndrome": [{"text": "Refer to SEM if no better.", "sources": ["siddiq2020"]}]},
        }
    },
    "exercises": {
        "bridge": {
            "name": "Bridge",
            "steps": ["Lie on your back.", "Lift your hips."],
            "feel": "Work in the buttocks.",
            "progress": "Easy for 3 sets.",
            "stop": "Sharp pain.",
            "judgement": True,
            "names": ["Bridge hold"],
        }
    },
    "conditions": {
        "piriformis_syndrome": {
            "programme": {
                "phases": [
                    {
                        "exercises": [
                            {"name": "Bridge", "exercise": "bridge"},
                            {"name": "Walk"},
                            {"name": "Bridge  hold"},
                        ]
                    }
                ]
            }
        }
    },
}


def _read(data):
    return letter_care_from_mapping(
        data, filename="1.1.0.care.yaml", targets={"gp"}, conditions={"piriformis_syndrome"}, sources={"siddiq2020"}
    )


def test_draft_sections_are_read_with_links_from_phases():
    care = _read(DRAFT)

    assert care.recipients["gp"].by_condition["piriformis_syndrome"][0].sources == ("siddiq2020",)
    assert care.exercises["bridge"].steps == ("Lie on your back.", "Lift your hips.")
    assert care.phase_exercises == {("piriformis_syndrome", 0, 0): "bridge", ("piriformis_syndrome", 0, 2): "bridge"}


def test_a_release_without_the_sections_reads_as_empty():
    care = _read({"conditions": {}})

    assert not care.recipients
    assert not care.exercises


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d["recipients"].update(astrologer={}), "recipients.astrologer"),
        (lambda d: d["recipients"]["gp"].update(asks=[{"text": "No source."}]), "recipients.gp.asks[0]"),
        (lambda d: d["exercises"]["bridge"].update(steps=[]), "exercises.bridge.steps"),
        (lambda d: d["exercises"]["bridge"].pop("stop"), "exercises.bridge.stop"),
        (
            lambda d: d["conditions"]["piriformis_syndrome"]["programme"]["phases"][0]["exercises"][1].update(
                exercise="plank"
            ),
            "conditions.piriformis_syndrome.programme.phases[0].exercises[1].exercise",
        ),
    ],
)
def test_faults_name_the_file_and_key(change, path):
    import copy

    data = copy.deepcopy(DRAFT)
    change(data)

    with pytest.raises(CareError) as caught:
        _read(data)

    assert caught.value.path == path
    assert caught.value.filename == "1.1.0.care.yaml"
