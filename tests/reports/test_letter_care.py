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
                            {"name": "Bridge  hold"},
                        ]
                    }
                ]
            }
        }
    },
}


def _read(data, targets=("gp",)):
    return letter_care_from_mapping(
        data, filename="1.1.0.care.yaml", targets=targets, conditions={"piriformis_syndrome"}, sources={"siddiq2020"}
    )


def test_draft_sections_are_read_with_links_from_phases():
    care = _read(DRAFT)

    assert care.recipients["gp"].by_condition["piriformis_syndrome"][0].sources == ("siddiq2020",)
    assert care.exercises["bridge"].steps == ("Lie on your back.", "Lift your hips.")
    assert care.phase_exercises == {("piriformis_syndrome", 0, 0): "bridge", ("piriformis_syndrome", 0, 1): "bridge"}


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
        (
            lambda d: d["conditions"]["piriformis_syndrome"]["programme"]["phases"][0]["exercises"].append(
                {"name": "Walk"}
            ),
            "conditions.piriformis_syndrome.programme.phases[0].exercises[2]",
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


def test_a_release_with_recipients_covers_every_referral_target():
    with pytest.raises(CareError) as caught:
        _read(DRAFT, targets=("gp", "rheumatology"))

    assert caught.value.path == "recipients.rheumatology"


def test_system_check_passes_on_the_shipped_releases_and_names_a_bad_key(tmp_path, monkeypatch):
    import shutil

    from protocols import registry
    from reports.checks import letter_care_check

    assert letter_care_check() == []

    release = registry.shipped_paths()[0]
    folder = tmp_path / release.parent.name
    folder.mkdir()
    shutil.copy(release, folder / release.name)
    care = release.with_name(f"{release.stem}.care.yaml")
    text = care.read_text() + "\nexercises:\n  bridge: {name: Bridge, steps: [], feel: a, progress: b, stop: c}\n"
    (folder / care.name).write_text(text)
    monkeypatch.setattr(registry, "shipped_paths", lambda data_dir=None: [folder / release.name])

    (error,) = letter_care_check()
    assert error.id == "reports.E001"
    assert "exercises.bridge.steps" in error.msg
