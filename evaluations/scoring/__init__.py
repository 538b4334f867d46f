"""Outcome-measure scoring (clinical reference §2) and the follow-up change checks of rule R24.

Pure functions over plain values: no Django, no database. Each ``score_*`` function checks
every answer and raises ValueError naming the item ("LEFS item 7 must be 0–4 (got 5)"); it
returns a frozen result with the total, the percentage or mean where the instrument has one,
the interpretation band where the clinical reference gives one, the answered count and a
``complete`` flag.
"""

from evaluations.scoring.lefs import LefsResult, lefs_improved, score_lefs
from evaluations.scoring.nprs import NprsResult, nprs_improved, score_nprs
from evaluations.scoring.odi import OdiResult, odi_band, odi_improved, score_odi
from evaluations.scoring.psfs import PsfsResult, psfs_improved, score_psfs
from evaluations.scoring.visa_h import VisaHResult, score_visa_h

__all__ = [
    "LefsResult",
    "NprsResult",
    "OdiResult",
    "PsfsResult",
    "VisaHResult",
    "lefs_improved",
    "nprs_improved",
    "odi_band",
    "odi_improved",
    "psfs_improved",
    "score_lefs",
    "score_nprs",
    "score_odi",
    "score_psfs",
    "score_visa_h",
]
