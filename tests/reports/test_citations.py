"""Display citations: the curators' notes in a retrieved citation never reach a reader."""

import pytest

from protocols.registry import shipped_paths, shipped_read
from reports.citations import NOTE, display_citation, display_evidence
from reports.wording import likelihood_words, percent, ratio


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (
            "Balius R, Susín A. Gemelli-obturator complex. Skeletal Radiol. 47(6):763-770 (year 2018 inferred from "
            "volume; not shown on page).",
            "Balius R, Susín A. Gemelli-obturator complex. Skeletal Radiol. 47(6):763-770.",
        ),
        (
            "Levesque L, Dave W [sic, as listed], Sadi J. Red flags. World Physiotherapy congress proceeding "
            "(abstract; year not shown on retrieved page).",
            "Levesque L, Dave W, Sadi J. Red flags. World Physiotherapy congress proceeding (abstract).",
        ),
        (
            "Gómez-Hoyos J, et al. [diagnostic accuracy of the IFI test; full title not captured]. Arthroscopy. "
            "2016;[volume/issue not captured]:1279-[end page not captured].",
            "Gómez-Hoyos J, et al. [diagnostic accuracy of the IFI test]. Arthroscopy. 2016:1279.",
        ),
        (
            "Lequesne M. Gluteal tendinopathy. Arthritis Rheum. 2008 (February) [volume/pages not captured; PMID "
            "18240186].",
            "Lequesne M. Gluteal tendinopathy. Arthritis Rheum. 2008 (February) [PMID 18240186].",
        ),
        ("[Author not captured]. Editorial Commentary. Arthroscopy. 2016.", "Editorial Commentary. Arthroscopy. 2016."),
        ("Singer AD. IFI: a meta-analysis. [journal/year not captured].", "Singer AD. IFI: a meta-analysis."),
        (
            "Simpson R. Accuracy of spinal tests. Chiropr Osteopat. 2006;14:26. doi:10.1186/1746-1340-14-26",
            "Simpson R. Accuracy of spinal tests. Chiropr Osteopat. 2006;14:26. doi:10.1186/1746-1340-14-26",
        ),
        (
            "Laslett M. Evidence-based diagnosis. J Man Manip Ther. 2008 (clinical perspective; German version).",
            "Laslett M. Evidence-based diagnosis. J Man Manip Ther. 2008 (clinical perspective; German version).",
        ),
    ],
)
def test_display_citation_drops_notes_and_keeps_the_bibliography(stored, shown):
    assert display_citation(stored) == shown


def test_no_shipped_citation_keeps_a_note_once_displayed():
    for path in shipped_paths():
        for source in shipped_read(path).protocol.sources.values():
            shown = display_citation(source.citation)
            assert not NOTE.search(shown), (source.key, shown)
            assert "[]" not in shown
            assert "()" not in shown
            assert ". ." not in shown


def test_judgement_is_shown_in_words():
    assert display_evidence("judgement (protocol authors)") == "clinical judgement"
    assert display_evidence("Martin 2014") == "Martin 2014"


@pytest.mark.parametrize(
    ("probability", "shown", "words"),
    [(0.843, "about 84%", "probable"), (0.001, "about 1%", "unlikely"), (0.999, "about 99%", "highly probable")],
)
def test_probabilities_are_whole_percentages_in_words(probability, shown, words):
    assert percent(probability) == shown
    assert likelihood_words(probability) == words


def test_ratios_are_short():
    assert ratio(4.567) == "4.6"
    assert ratio(12.4) == "12"
