from .documents import LostDocument, SignedDocument
from .evaluation import Evaluation
from .exercise import Exercise, Pathway, Pillar
from .immutability import SIGNED_NOTE_IS_READ_ONLY, SignedNoteError, lock_draft_note
from .ladder import Ladder, LadderLevel
from .note import Addendum, PlanItem, RedFlagConfirmation, ReferralAcknowledgement
from .sections import (
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

__all__ = [
    "Addendum",
    "PlanItem",
    "RedFlagConfirmation",
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
    "Ladder",
    "LadderLevel",
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
