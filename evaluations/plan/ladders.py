"""Progression ladders (clinical reference §9, from §4's progressions) as declared data.

A ladder is an ordered list of levels; levels on the same rung are alternatives (§9's
"8/9", "20/21/22"). Each level names its exercise, its entry criterion in words and, where
it can be measured, the same criterion as data the engine checks:

- ``stage_limits``: the level is never prescribed now while an active pathway is below this
  stage (§4's "phase II", "late phase", "stage 2+");
- ``capacity``: measured results, any of which shows the patient already manages the level,
  so the engine starts them there rather than at the bottom.

``LADDERS`` is the seed: ``load_library`` copies it into the database, where a clinic admin
edits it, and the engine reads the ladders of the ``Library`` it is given (``LadderIndex``).
The rules a ladder must keep are written once, in ``ladder_errors`` and the ``*_problem``
functions, for the seed's test and the admin alike.
"""

import types
import typing
from dataclasses import dataclass, fields, is_dataclass
from operator import attrgetter

from evaluations.plan.snapshot import Bilateral, FindingsSnapshot
from evaluations.plan.stages import ACUTE_STRAIN, NERVE, STAGE_NAMES, TENDINOPATHY


@dataclass(frozen=True, slots=True)
class StageLimit:
    """Only from this stage of the pathway on (1 = the first stage), when the pathway is active."""

    pathway: str
    stage: int


@dataclass(frozen=True, slots=True)
class Check:
    """A measured criterion: ``flag`` (the finding is yes), ``at_least`` (a number on the
    painful side, the weaker side when both or neither hurt) or ``gate`` (a rule's gate met)."""

    kind: str
    subject: str
    value: float = 0


@dataclass(frozen=True, slots=True)
class Level:
    rung: int
    code: str
    criterion: str
    stage_limits: tuple[StageLimit, ...] = ()
    capacity: tuple[Check, ...] = ()


@dataclass(frozen=True, slots=True)
class Ladder:
    code: str
    name: str
    levels: tuple[Level, ...]
    # A ladder written for one pathway (the tendon ladder for R1) applies only when it is active.
    pathway: str | None = None


STRAIN_II = StageLimit(ACUTE_STRAIN, 2)
STRAIN_III = StageLimit(ACUTE_STRAIN, 3)
TENDON_2 = StageLimit(TENDINOPATHY, 2)
NERVE_SETTLED = StageLimit(NERVE, 2)
# [SLHB] the box bridge test: 12 pain-free reps manage the exercise dose (3 × 8–12) …
BOX_BRIDGE_REPS = Check("at_least", "hamstring.single_leg_bridge_reps", 12)
# … and 20 or more is no longer a poor score, ready for external load.
LOADED_BRIDGE_REPS = Check("at_least", "hamstring.single_leg_bridge_reps", 20)
# [HEI] phase I planks and side bridges are 10 s holds: a 10 s hold already manages them.
PLANK_HOLDS = (
    Check("at_least", "core.front_plank_s", 10),
    Check("at_least", "core.side_plank_s", 10),
    Check("at_least", "core.mcgill_side_bridge_s", 10),
)

LADDERS = (
    Ladder(
        "bridge",
        "Bridge",
        (
            Level(1, "bent_knee_bridge", "Start here, in the pain-free range."),
            Level(2, "bridge_hold", "Bent-knee bridge holds are pain-free (10 × 5 s)."),
            Level(
                3,
                "bridge_walkouts",
                "The bridge hold is easy (5 × 30 s); acute strain: phase II (R6 met).",
                (STRAIN_II,),
            ),
            Level(
                4,
                "single_leg_bridge",
                "Two-leg bridges are easy and pain-free (walk-outs 3 × 10, or holds 5 × 30 s).",
            ),
            Level(
                5,
                "single_leg_bridge_box",
                "Single-leg bridge test ≥ 12 pain-free reps; acute strain: late phase (R7 met); "
                "tendinopathy: stage 2 (R2 load test ≤ 3/10).",
                (STRAIN_III, TENDON_2),
                (BOX_BRIDGE_REPS,),
            ),
            Level(
                6,
                "hip_thrust",
                "Single-leg bridge test ≥ 20 reps on the painful side.",
                (STRAIN_III, TENDON_2),
                (LOADED_BRIDGE_REPS,),
            ),
        ),
    ),
    Ladder(
        "hinge",
        "Hip hinge",
        (
            Level(1, "hip_hinge_dowel", "Start here, in the back position that does not add pain."),
            Level(
                2,
                "romanian_deadlift",
                "The hinge drill is pain-free; acute strain: phase II (R6 met); tendinopathy: "
                "stage 2 (R2 load test ≤ 3/10), shallow.",
                (STRAIN_II, TENDON_2),
            ),
            Level(
                3,
                "single_leg_rdl",
                "The bilateral hinge is pain-free (3 × 8–10).",
                (STRAIN_II, TENDON_2),
            ),
        ),
    ),
    Ladder(
        "tendon",
        "Tendon loading",
        (
            Level(1, "isometric_hamstring_hold", "Start here: stage 1, isometric holds."),
            Level(2, "bridge_hold", "Isometric holds ease the pain (≤ 3/10 during)."),
            Level(
                3,
                "slider_hamstring_curl",
                "24-hour load test ≤ 3/10 and settled by the next morning (R2).",
                (TENDON_2,),
            ),
            Level(
                4,
                "romanian_deadlift",
                "Slider curls stay ≤ 3/10; keep hip flexion shallow.",
                (TENDON_2,),
            ),
            Level(
                4,
                "single_leg_rdl",
                "Slider curls stay ≤ 3/10; keep hip flexion shallow.",
                (TENDON_2,),
            ),
        ),
        pathway=TENDINOPATHY,
    ),
    Ladder(
        "eccentric",
        "Eccentric hamstring",
        (
            Level(1, "prone_isometric_knee_flexion", "Start here: submaximal and pain-free."),
            Level(
                2,
                "slider_hamstring_curl",
                "Pain-free submaximal (50–70 %) prone isometric at 90°; acute strain: phase II.",
                (STRAIN_II,),
                (Check("flag", "hamstring.submax_isometric_90_pain_free"),),
            ),
            Level(
                3,
                "nordic_curl",
                "Slider curls are easy (3 × 12); acute strain: return-to-sport gate (R7) met; "
                "tendinopathy: stage 2.",
                (STRAIN_III, TENDON_2),
            ),
        ),
    ),
    Ladder(
        "lengthening",
        "Lengthening (Askling)",
        (
            Level(
                1,
                "askling_extender",
                "The hamstring tolerates gentle lengthening; acute strain: phase II (R6 met).",
                (STRAIN_II,),
            ),
            Level(2, "askling_diver", "The Extender is pain-free (3 × 12).", (STRAIN_II,)),
            Level(3, "askling_glider", "The Diver is pain-free (3 × 6).", (STRAIN_II,)),
        ),
    ),
    Ladder(
        "deep_core",
        "Deep core",
        (
            Level(1, "drawing_in_pbu", "Start here, with the pressure feedback unit."),
            Level(
                2,
                "dead_bug",
                "The drawing-in is held steady (40 ± 5 mm Hg).",
                capacity=(Check("flag", "core.pbu_able_to_hold"),),
            ),
            Level(3, "bird_dog", "Dead bug 3 × 10 per side with a neutral back."),
            *(
                Level(
                    4,
                    code,
                    "Bird dog held 10 s each side without the back moving, or a plank or side "
                    "bridge already held ≥ 10 s.",
                    capacity=PLANK_HOLDS,
                )
                for code in ("mcgill_curl_up", "side_plank", "front_plank")
            ),
        ),
    ),
    Ladder(
        "hip_flexors",
        "Hip flexors",
        (
            Level(1, "standing_psoas_march", "Start here, without arching the back."),
            Level(2, "supine_psoas_march", "Standing march 3 × 60 s without arching the back."),
        ),
    ),
    Ladder(
        "abductors",
        "Hip abductors",
        (
            Level(1, "side_lying_hip_abduction", "Start here."),
            Level(2, "band_lateral_walk", "Side-lying abduction 3 × 15 without rolling back."),
        ),
    ),
    Ladder(
        "balance",
        "Balance",
        (
            Level(1, "single_limb_balance", "Start here, near a support."),
            Level(
                2,
                "balance_trunk_lean",
                "Single-leg balance 4 × 20 s steady; acute strain: phase II (R6 met).",
                (STRAIN_II,),
            ),
            Level(
                3,
                "lunge_walk_rotation",
                "The trunk-lean balance is steady; acute strain: phase II (R6 met).",
                (STRAIN_II,),
            ),
        ),
    ),
    Ladder("calf", "Calf", (Level(1, "calf_raise", "Double-leg, then single-leg raises."),)),
    Ladder("foot", "Foot", (Level(1, "short_foot", "Seated, then standing, then single leg."),)),
    Ladder(
        "neural",
        "Nerve mobility",
        (
            Level(1, "sciatic_nerve_slider", "Start here: sliders first."),
            Level(
                2,
                "sciatic_nerve_tensioner",
                "Sliders are symptom-free and the nerve is no longer irritable: pain below 7/10, "
                "no neurological deficit, symptoms not spreading, not an acute radiculopathy.",
                (NERVE_SETTLED,),
            ),
        ),
        pathway=NERVE,
    ),
    Ladder(
        "running",
        "Running",
        (
            Level(1, "stationary_bike", "Start here: easy cycling."),
            Level(
                2,
                "walk_run_progression",
                "Return-to-run gate (R19) met; acute strain: return-to-sport gate (R7) met; "
                "tendinopathy: stage 2.",
                (STRAIN_III, TENDON_2),
                (Check("gate", "R19"),),
            ),
            Level(
                3,
                "cadence_retraining",
                "Running again: the walk–run progression is done.",
                (STRAIN_III, TENDON_2),
            ),
        ),
    ),
)


def _finding_subjects() -> tuple[frozenset, frozenset]:
    """The snapshot's yes/no findings and its number findings, as ``section.name`` paths."""
    flags, numbers = set(), set()

    def walk(cls, prefix: str) -> None:
        hints = typing.get_type_hints(cls)
        for field in fields(cls):
            kind = hints[field.name]
            if typing.get_origin(kind) is Bilateral:
                kind = typing.get_args(kind)[0]
            elif typing.get_origin(kind) in (typing.Union, types.UnionType):
                kind = next(arg for arg in typing.get_args(kind) if arg is not type(None))
                # An optional section (the previous visit's scores) may be absent entirely.
                if is_dataclass(kind):
                    continue
            if is_dataclass(kind):
                walk(kind, f"{prefix}{field.name}.")
            elif kind is bool:
                flags.add(prefix + field.name)
            elif kind in (int, float):
                numbers.add(prefix + field.name)

    walk(FindingsSnapshot, "")
    return frozenset(flags), frozenset(numbers)


_FLAGS, _NUMBERS = _finding_subjects()
# The rules that report a gate (strain.py: R6, R7; gait.py: R19).
GATE_RULES = ("R6", "R7", "R19")
# What each kind of check may name: a yes/no finding, a number finding, a rule's gate.
CHECK_SUBJECTS = {"flag": _FLAGS, "at_least": _NUMBERS, "gate": frozenset(GATE_RULES)}
CHECK_KINDS = tuple(CHECK_SUBJECTS)
UNKNOWN_KIND = "unknown check {kind!r}: use {kinds}."
UNKNOWN_FINDING = "{kind} check {subject!r}: no such {what} (section.finding, e.g. {example})."
UNKNOWN_GATE = "gate check {subject!r}: no such gate; the gates are {gates}."
NO_THRESHOLD = "at_least check {subject!r} needs a number to reach."
UNKNOWN_PATHWAY = "unknown pathway {pathway!r}: use {pathways}."
STAGE_OUT_OF_RANGE = "{pathway} has stages 1 to {last}, not {stage}."
_SUBJECT_WORDS = {
    "flag": ("yes/no finding", "core.pbu_able_to_hold"),
    "at_least": ("number finding", "hamstring.single_leg_bridge_reps"),
}


def check_problem(check: Check) -> str | None:
    """What is wrong with one capacity check, in words; None when the engine can read it."""
    if check.kind not in CHECK_SUBJECTS:
        return UNKNOWN_KIND.format(kind=check.kind, kinds=", ".join(CHECK_KINDS))
    if check.subject not in CHECK_SUBJECTS[check.kind]:
        if check.kind == "gate":
            return UNKNOWN_GATE.format(subject=check.subject, gates=", ".join(GATE_RULES))
        what, example = _SUBJECT_WORDS[check.kind]
        return UNKNOWN_FINDING.format(
            kind=check.kind, subject=check.subject, what=what, example=example
        )
    if check.kind == "at_least" and not isinstance(check.value, int | float):
        return NO_THRESHOLD.format(subject=check.subject)
    return None


def stage_limit_problem(limit: StageLimit) -> str | None:
    """What is wrong with one stage limit, in words; None when the pathway has that stage."""
    if limit.pathway not in STAGE_NAMES:
        return UNKNOWN_PATHWAY.format(pathway=limit.pathway, pathways=", ".join(STAGE_NAMES))
    last = len(STAGE_NAMES[limit.pathway])
    if not (isinstance(limit.stage, int) and 1 <= limit.stage <= last):
        return STAGE_OUT_OF_RANGE.format(pathway=limit.pathway, last=last, stage=limit.stage)
    return None


def ladder_errors(ladders, known_codes) -> list[str]:
    """Everything wrong with ladder data, in words an admin can act on; [] when it is sound."""
    errors = []
    seen = set()
    for ladder in ladders:
        if ladder.code in seen:
            errors.append(f"Ladder {ladder.code!r} is declared twice.")
        seen.add(ladder.code)
        if ladder.pathway is not None and ladder.pathway not in STAGE_NAMES:
            problem = UNKNOWN_PATHWAY.format(
                pathway=ladder.pathway, pathways=", ".join(STAGE_NAMES)
            )
            errors.append(f"Ladder {ladder.code!r}: {problem}")
        if not ladder.levels:
            errors.append(f"Ladder {ladder.code!r} has no levels.")
            continue
        rungs = sorted({level.rung for level in ladder.levels})
        if rungs != list(range(1, len(rungs) + 1)):
            errors.append(
                f"Ladder {ladder.code!r} has a gap: its rungs are {rungs}, "
                f"not 1 to {len(rungs)} in steps of one."
            )
        codes = [level.code for level in ladder.levels]
        for code in sorted({code for code in codes if codes.count(code) > 1}):
            errors.append(
                f"Ladder {ladder.code!r} has a cycle: {code!r} comes back on a later rung."
            )
        for level in ladder.levels:
            where = f"Ladder {ladder.code!r} level {level.rung}"
            if level.code not in known_codes:
                errors.append(
                    f"{where} names {level.code!r}, which is not in the exercise library "
                    "(deleted or switched off)."
                )
            if not level.criterion.strip():
                errors.append(f"{where} has no criterion.")
            for problem in map(stage_limit_problem, level.stage_limits):
                if problem:
                    errors.append(f"{where}: {problem}")
            for problem in map(check_problem, level.capacity):
                if problem:
                    errors.append(f"{where}: {problem}")
    return errors


def _not_measured(snapshot) -> None:
    return None


class LadderIndex:
    """One library's ladders and the tables the engine reads on every plan, built once.

    ``checks`` numbers every distinct capacity check, so a plan's measured capacity is one
    bit mask (``check_mask`` holds each exercise's checks in it).
    """

    __slots__ = ("ladders", "stage_limits", "ladders_of", "checks", "check_mask", "getters")

    def __init__(self, ladders):
        self.ladders = tuple(ladders)
        levels = [(ladder, level) for ladder in self.ladders for level in ladder.levels]
        self.checks = tuple(dict.fromkeys(check for _, level in levels for check in level.capacity))
        bit = {check: 1 << index for index, check in enumerate(self.checks)}
        limits, self.ladders_of, self.check_mask = {}, {}, {}
        for ladder, level in levels:
            limits.setdefault(level.code, set()).update(level.stage_limits)
            self.ladders_of.setdefault(level.code, []).append(ladder.code)
            for check in level.capacity:
                self.check_mask[level.code] = self.check_mask.get(level.code, 0) | bit[check]
        self.stage_limits = {code: tuple(found) for code, found in limits.items()}
        # A check naming no finding (a row edited outside the admin) counts as not measured.
        self.getters = {
            check: attrgetter(check.subject) if check_problem(check) is None else _not_measured
            for check in self.checks
            if check.kind != "gate"
        }


SEED_LADDERS = LadderIndex(LADDERS)
