"""Progression ladders (clinical reference §9, from §4's progressions) as declared data.

A ladder is an ordered list of levels; levels on the same rung are alternatives (§9's
"8/9", "20/21/22"). Each level names its exercise, its entry criterion in words and, where
it can be measured, the same criterion as data the engine checks:

- ``stage_limits``: the level is never prescribed now while an active pathway is below this
  stage (§4's "phase II", "late phase", "stage 2+");
- ``capacity``: measured results, any of which shows the patient already manages the level,
  so the engine starts them there rather than at the bottom.

Plain tuples of small frozen records, so a later database version can load the same shape.
"""

from dataclasses import dataclass

from evaluations.plan.stages import ACUTE_STRAIN, NERVE, TENDINOPATHY


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


CHECK_KINDS = ("flag", "at_least", "gate")
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


def ladder_errors(ladders, known_codes) -> list[str]:
    """Everything wrong with ladder data, in words an admin can act on; [] when it is sound."""
    errors = []
    seen = set()
    for ladder in ladders:
        if ladder.code in seen:
            errors.append(f"Ladder {ladder.code!r} is declared twice.")
        seen.add(ladder.code)
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
            if level.code not in known_codes:
                errors.append(
                    f"Ladder {ladder.code!r} level {level.rung} names {level.code!r}, "
                    "which is not in the exercise library."
                )
            if not level.criterion.strip():
                errors.append(f"Ladder {ladder.code!r} level {level.rung} has no criterion.")
            for check in level.capacity:
                if check.kind not in CHECK_KINDS:
                    errors.append(
                        f"Ladder {ladder.code!r} level {level.rung}: unknown check {check.kind!r}."
                    )
    return errors
