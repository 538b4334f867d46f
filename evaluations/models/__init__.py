from .documents import LostDocument, SignedDocument
from .evaluation import Evaluation
from .exercise import Exercise, Pathway, Pillar
from .findings import (
    SECTION_BY_SLUG,
    SECTIONS,
    Core,
    Foot,
    FunctionTests,
    Gait,
    Hamstring,
    Hip,
    History,
    Neural,
    Outcomes,
    Pelvis,
    RedFlagScreen,
    section_attr,
)
from .immutability import SIGNED_NOTE_IS_READ_ONLY, SignedNoteError, lock_draft_note
from .note import Addendum, PlanItem, ReferralAcknowledgement

__all__ = [
    "Addendum",
    "PlanItem",
    "ReferralAcknowledgement",
    "LostDocument",
    "SignedDocument",
    "SIGNED_NOTE_IS_READ_ONLY",
    "SignedNoteError",
    "lock_draft_note",
    "Core",
    "Evaluation",
    "Exercise",
    "Foot",
    "FunctionTests",
    "Gait",
    "Hamstring",
    "Hip",
    "History",
    "Neural",
    "Outcomes",
    "Pathway",
    "Pelvis",
    "Pillar",
    "RedFlagScreen",
    "SECTIONS",
    "SECTION_BY_SLUG",
    "section_attr",
]
