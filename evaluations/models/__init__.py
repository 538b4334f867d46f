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

__all__ = [
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
