"""Plan items that are not library exercises: manual therapy, education and assessments."""

from dataclasses import dataclass

from evaluations.plan.plan_types import ItemKind


@dataclass(frozen=True, slots=True)
class Action:
    code: str
    kind: ItemKind
    name: str
    plain_name: str
    pillar: int
    dosing: str
    cautions: str
    source_keys: tuple[str, ...]
    tags: tuple[str, ...] = ()


MANUAL_CAUTION = "Not over open wounds, infection or a suspected DVT."

ACTIONS = {
    action.code: action
    for action in (
        Action(
            "soft_tissue_mobilisation",
            ItemKind.MANUAL_THERAPY,
            "Soft-tissue work / myofascial release",
            "Hands-on muscle work",
            2,
            "In session, as tolerated; always followed by active exercise",
            MANUAL_CAUTION,
            ("LBP21",),
        ),
        Action(
            "joint_mobilisation",
            ItemKind.MANUAL_THERAPY,
            "Lumbopelvic joint mobilisation (thrust or non-thrust) for pain",
            "Gentle joint mobilisation of the low back and pelvis",
            2,
            "In session, for pain relief; pair with stabilisation work",
            MANUAL_CAUTION,
            ("LBP21",),
        ),
        Action(
            "scar_mobilisation",
            ItemKind.MANUAL_THERAPY,
            "Scar mobilisation (adjunct)",
            "Loosening an old scar",
            2,
            "In session, a few minutes; an adjunct to loading, never instead of it",
            MANUAL_CAUTION,
            ("LBP21",),
        ),
        Action(
            "ankle_dorsiflexion_mobility",
            ItemKind.MANUAL_THERAPY,
            "Ankle dorsiflexion mobility: knee-to-wall mobilisation, soleus stretch",
            "Ankle bending stretch",
            2,
            "2–3 × 30 s or 10 knee-to-wall rocks, daily (typical)",
            "Stop if the front of the ankle pinches.",
            ("WBLT",),
        ),
        Action(
            "lumbar_screen",
            ItemKind.ASSESSMENT,
            "Lumbar screen with repeated movements for a directional preference",
            "Checking the low back",
            1,
            "At the next visit",
            "",
            ("SLU", "DP"),
        ),
        Action(
            "slump_screen",
            ItemKind.ASSESSMENT,
            "Slump test to screen for a neural component",
            "A nerve check",
            1,
            "At the next visit, before lengthening work",
            "",
            ("TURL", "SLU"),
        ),
        Action(
            "visa_h_tracking",
            ItemKind.ASSESSMENT,
            "VISA-H at baseline and at each follow-up",
            "A short questionnaire about your hamstring tendon",
            1,
            "Baseline, then every follow-up",
            "",
            ("VISA",),
        ),
        Action(
            "re_evaluate",
            ItemKind.ASSESSMENT,
            "Full re-evaluation and red-flag re-check (RF_CANCER)",
            "A full re-check",
            1,
            "Now: no clinically important change after 4–6 weeks",
            "",
            ("RF",),
        ),
        Action(
            "load_monitoring",
            ItemKind.EDUCATION,
            "Pain-monitoring model for loading",
            "How much pain is OK during exercise",
            5,
            "0–3/10 safe, 4–5/10 acceptable, > 5/10 too much; pain must settle by next morning",
            "",
            ("PMM", "POGO"),
        ),
        Action(
            "tendon_loading_stages",
            ItemKind.EDUCATION,
            "Staged tendon loading: isometric → slider curl → limited-depth RDL → running/hills "
            "→ sport",
            "Step-by-step return to full activity",
            5,
            "Move up a stage when the 24-hour load test stays at ≤ 3/10",
            "",
            ("GOOM", "ADV"),
        ),
        Action(
            "strain_phases",
            ItemKind.EDUCATION,
            "Criteria-based strain rehabilitation: phase I → II (R6) → III and sport (R7)",
            "Step-by-step return after a pulled hamstring",
            5,
            "Move up a phase only when the gate is met",
            "",
            ("HEI",),
        ),
        Action(
            "footwear_review",
            ItemKind.EDUCATION,
            "Footwear review",
            "Checking your shoes",
            4,
            "Once",
            "",
            ("FPI",),
        ),
        Action(
            "gait_cues",
            ItemKind.EDUCATION,
            "Gait cues: level pelvis, land under the hips, shorter quicker steps",
            "Walking and running tips",
            4,
            "During walks and runs",
            "",
            ("TREN", "OVS"),
        ),
        Action(
            "force_closure_training",
            ItemKind.EDUCATION,
            "Force-closure emphasis: co-contract deep abdominals and glutes before loading",
            "Bracing the pelvis before you move",
            3,
            "With each stabilisation exercise",
            "",
            ("ASLR",),
        ),
    )
}
