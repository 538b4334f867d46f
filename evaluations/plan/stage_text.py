"""An exercise's dosing and cautions as they apply to this patient's pathways and stages.

The library's texts mix advice for several pictures ("Tendinopathy: raise the seat",
"10 × 5 s holds (acute strain phase I)"). A sentence that names a pathway is kept only when
that pathway is active; a phase mark is kept only for the current phase of an active strain,
and dropped with its clause for another phase; without a strain the marks are taken out and
the dosing itself kept. The words that name a pathway are declared once, here.
"""

import re
from functools import lru_cache

from evaluations.plan.stages import ACUTE_STRAIN, NERVE, TENDINOPATHY

PATHWAY_WORDS = {
    TENDINOPATHY: re.compile(r"\btendinopathy\b", re.IGNORECASE),
    ACUTE_STRAIN: re.compile(r"\bacute strain\b|\bphases? I{1,3}\b|\blate phase\b", re.IGNORECASE),
    NERVE: re.compile(r"\bnerve picture\b", re.IGNORECASE),
}
ROMAN = {"I": 1, "II": 2, "III": 3}
# "(phase I)", "(acute strain phase I)", "(phases I → II)".
PHASE_MARK = re.compile(r"\s*\((?:acute strain )?phases? (I{1,3})(?: → (I{1,3}))?\)")
SENTENCE_END = re.compile(r"(?<=[.;])\s+")
# "per side" is for both sides; an item for one side names its side instead.
PER_SIDE = re.compile(r"\s*\bper (side|leg)\b")
ONE_SIDE = ("left", "right")


@lru_cache(maxsize=4096)
def for_stage(text: str, stages: tuple[tuple[str, int], ...]) -> str:
    """``text`` for a patient whose active pathways are ``stages``: (pathway, stage number),
    with 0 for an active pathway that has no stages."""
    if not text:
        return text
    active = dict(stages)
    phase = active.get(ACUTE_STRAIN)
    kept = [part for part in SENTENCE_END.split(text) if _applies(part, active, phase)]
    result = " ".join(kept).rstrip(";").strip()
    if not result and PHASE_MARK.search(text):
        # Dosing written only for other phases still says how much; the marks go.
        return PHASE_MARK.sub("", text)
    return result if phase else PHASE_MARK.sub("", result)


def _applies(sentence: str, active: dict, phase: int | None) -> bool:
    marks = list(PHASE_MARK.finditer(sentence))
    if marks:
        # Without a strain the dosing stands; the mark is taken out afterwards.
        return not phase or any(_in_range(mark, phase) for mark in marks)
    named = [pathway for pathway, words in PATHWAY_WORDS.items() if words.search(sentence)]
    return not named or any(pathway in active for pathway in named)


def _in_range(mark, phase: int) -> bool:
    low = ROMAN[mark.group(1)]
    high = ROMAN[mark.group(2)] if mark.group(2) else low
    return low <= phase <= high


def dosing_for(text: str, stages: tuple[tuple[str, int], ...], side: str) -> str:
    """The dosing for this stage and side, without phase marks: the item names its stage
    (PrescribedItem.stage), and a phase mark in the dosing read as part of it ("… (phase I)")."""
    text = PHASE_MARK.sub("", for_stage(text, stages))
    return PER_SIDE.sub("", text) if side in ONE_SIDE else text
