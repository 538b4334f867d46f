"""The one declaration of every finding (plain Python, no Django): see catalogue.py."""

from .catalogue import (
    CORE,
    FOOT,
    FUNCTION,
    GAIT,
    HAMSTRING,
    HIP,
    HISTORY,
    NEURAL,
    PELVIS,
    RED_FLAGS,
    SECTIONS,
)
from .kinds import BOOLEAN_KINDS, ChoiceSet, Finding, Kind, Normal, Option, SectionDeclaration

SECTION_BY_SNAPSHOT_NAME = {section.snapshot_name: section for section in SECTIONS}

__all__ = [
    "CORE",
    "FOOT",
    "FUNCTION",
    "GAIT",
    "HAMSTRING",
    "HIP",
    "HISTORY",
    "NEURAL",
    "PELVIS",
    "RED_FLAGS",
    "SECTION_BY_SNAPSHOT_NAME",
    "BOOLEAN_KINDS",
    "SECTIONS",
    "ChoiceSet",
    "Finding",
    "Kind",
    "Normal",
    "Option",
    "SectionDeclaration",
]
