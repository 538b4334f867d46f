"""The findings snapshot: everything the plan engine reads, as frozen dataclasses.

A value that was not tested or not asked is ``None`` — never ``False``, because "checked and
negative" is itself a finding. Bilateral items hold a left and a right value. Each field's
``metadata`` carries its description and valid range (DOMAIN.md §1); ``schema.py`` builds
the JSON Schema from it, so the ranges are written once here.
"""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def finding(description: str, **schema) -> Any:
    """A nullable finding with its description and JSON Schema constraints."""
    return field(default=None, metadata={"description": description, **schema})


def bilateral(description: str, **schema) -> Any:
    """A left/right pair of findings; both sides start as not measured."""
    return field(default=NOT_MEASURED, metadata={"description": description, **schema})


def section(cls, description: str) -> Any:
    return field(default_factory=cls, metadata={"description": description})


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class VisitType(StrEnum):
    INITIAL = "initial"
    FOLLOW_UP = "follow_up"
    DISCHARGE = "discharge"


class Onset(StrEnum):
    SUDDEN = "sudden"
    GRADUAL = "gradual"


class Mechanism(StrEnum):
    SPRINT = "sprint"
    STRETCH = "stretch"
    LIFTING = "lifting"
    NONE = "none"


class Provocation(StrEnum):
    """A pain-provocation test; only ``positive_familiar`` counts as positive [LAS][PO]."""

    NEGATIVE = "negative"
    POSITIVE_FAMILIAR = "positive_familiar"
    POSITIVE_UNFAMILIAR = "positive_unfamiliar"


class Direction(StrEnum):
    FLEXION = "flexion"
    EXTENSION = "extension"
    LATERAL = "lateral"


class Severity(StrEnum):
    NONE = "none"
    MILD = "mild"
    MARKED = "marked"


class Landmark(StrEnum):
    LEVEL = "level"
    LEFT_HIGH = "left_high"
    RIGHT_HIGH = "right_high"


class FaberResult(StrEnum):
    NEGATIVE = "negative"
    GROIN = "groin"
    POSTERIOR_SIJ = "posterior_sij"
    LATERAL = "lateral"


class InjuryRegion(StrEnum):
    POSTERIOR_THIGH = "posterior_thigh"
    BUTTOCK = "buttock"
    ANTERIOR_THIGH = "anterior_thigh"
    HIP = "hip"
    KNEE = "knee"
    LOWER_BACK = "lower_back"
    OTHER = "other"


class InjuryKind(StrEnum):
    STRAIN = "strain"
    SURGERY = "surgery"
    FRACTURE = "fracture"
    OTHER = "other"


class MmtGrade(StrEnum):
    """Manual muscle test grades in order; compare by rank, never average [MMT]."""

    G0 = "0"
    G1 = "1"
    G2_MINUS = "2-"
    G2 = "2"
    G2_PLUS = "2+"
    G3_MINUS = "3-"
    G3 = "3"
    G3_PLUS = "3+"
    G4_MINUS = "4-"
    G4 = "4"
    G4_PLUS = "4+"
    G5 = "5"

    @property
    def rank(self) -> int:
        return _MMT_RANK[self]


_MMT_RANK = {grade: index for index, grade in enumerate(MmtGrade)}


@dataclass(frozen=True, slots=True)
class Bilateral(Generic[T]):
    """One measure on both sides; either side may be missing."""

    left: T | None = None
    right: T | None = None

    def get(self, side: str) -> T | None:
        return self.left if side == Side.LEFT else self.right

    def values(self) -> tuple[T, ...]:
        return tuple(v for v in (self.left, self.right) if v is not None)


NOT_MEASURED = Bilateral()


@dataclass(frozen=True, slots=True)
class OldInjury:
    region: InjuryRegion | None = finding("Where the old injury or scar is.")
    kind: InjuryKind | None = finding("What it was.")
    description: str | None = finding("Free text, e.g. 'femur fracture, nailed'.", maxLength=200)
    year: int | None = finding("Year of the injury or surgery.", minimum=1900, maximum=2100)
    scar: bool | None = finding("A scar or scar tissue is present at the site.")


@dataclass(frozen=True, slots=True)
class History:
    onset: Onset | None = finding("Onset of the current episode.")
    mechanism: Mechanism | None = finding("Mechanism of injury, if any.")
    weeks_since_onset: float | None = finding("Weeks since onset.", minimum=0, maximum=2600)
    dull_ache: bool | None = finding("A dull ache in the back of the thigh.")
    sharp_pain_bending_forward: bool | None = finding("Sharp pain when bending forward.")
    pain_sitting: bool | None = finding("Pain while sitting (hard surfaces) [GOOM].")
    pain_walking_uphill: bool | None = finding("Discomfort when walking uphill.")
    persistent_tightness: bool | None = finding("Tightness that never seems to go away.")
    pulling_when_running: bool | None = finding("A pulling sensation during running.")
    sit_bone_pain: bool | None = finding("Well-localised pain at the sit bone [GOOM].")
    pain_putting_on_shoes: bool | None = finding(
        "Pain putting on shoes or trousers (deep hip flexion) [GOOM]."
    )
    warms_up_then_worse: bool | None = finding(
        "Pain eases as the activity warms up, then is worse afterwards [GOOM]."
    )
    previous_hamstring_strains: int | None = finding(
        "Number of earlier hamstring strains.", minimum=0, maximum=50
    )
    old_injuries: tuple[OldInjury, ...] | None = finding(
        "Old injuries, surgery or scars (where, what, year)."
    )
    sitting_hours_per_day: float | None = finding("Hours sitting per day.", minimum=0, maximum=24)
    occupation: str | None = finding("Occupation.", maxLength=200)
    activity_goals: str | None = finding("Activity goals in the patient's words.", maxLength=500)
    low_back_pain: bool | None = finding("Related low back pain.")
    sij_pain: bool | None = finding("Related sacroiliac joint pain.")
    upper_back_shoulder_pain: bool | None = finding("Related upper back or shoulder pain.")
    foot_calf_pain: bool | None = finding("Related foot or calf pain or tightness.")
    pain_now: int | None = finding("Pain now, NPRS 0–10.", minimum=0, maximum=10)
    pain_best: int | None = finding("Best pain in 24 h, NPRS 0–10.", minimum=0, maximum=10)
    pain_worst: int | None = finding("Worst pain in 24 h, NPRS 0–10.", minimum=0, maximum=10)
    aggravating_factors: str | None = finding("What makes it worse.", maxLength=500)
    easing_factors: str | None = finding("What makes it better.", maxLength=500)


@dataclass(frozen=True, slots=True)
class RedFlagScreen:
    """DOMAIN.md §3, one answer per question: True = yes, False = asked and no."""

    ces_saddle_numbness: bool | None = finding(
        "New or worsening saddle or perianal numbness [CES]."
    )
    ces_bladder_bowel: bool | None = finding(
        "New or worsening bladder or bowel disturbance (retention, incontinence) [CES]."
    )
    ces_sexual_dysfunction: bool | None = finding("New or worsening sexual dysfunction [CES].")
    ces_bilateral_leg_symptoms: bool | None = finding(
        "Bilateral sciatica or bilateral leg weakness [CES]."
    )
    neuro_progressive_motor_deficit: bool | None = finding(
        "Progressive or severe motor deficit, e.g. foot drop (dorsiflexion ≤ 3/5) [NHSL]."
    )
    neuro_multilevel_deficit: bool | None = finding("Deficit at more than one level [NHSL].")
    neuro_widespread_signs: bool | None = finding(
        "Widespread or worsening neurological signs [GPR]."
    )
    avulsion_pop: bool | None = finding(
        "Sudden pop or snap with forced hip flexion and knee extension, immediate pain [AVU]."
    )
    avulsion_cannot_walk_normally: bool | None = finding("Cannot walk normally since [AVU].")
    avulsion_large_bruise: bool | None = finding("Large bruise over the back of the thigh [AVU].")
    avulsion_palpable_gap: bool | None = finding("Palpable gap below the sit bone [AVU2].")
    avulsion_marked_knee_flexion_weakness: bool | None = finding(
        "Marked knee-flexion weakness [AVU]."
    )
    adolescent_acute_ischial_injury: bool | None = finding(
        "Skeletally immature with an acute proximal hamstring injury and ischial tenderness [ADO]."
    )
    cancer_history: bool | None = finding("History of cancer [RF].")
    cancer_weight_loss: bool | None = finding("Unexplained weight loss [RF].")
    cancer_no_improvement: bool | None = finding("No improvement after 4–6 weeks of care [RF].")
    cancer_night_pain: bool | None = finding("Unrelenting night or rest pain [RF].")
    infection_fever: bool | None = finding("Fever over 38 °C for more than 48 h [RF].")
    infection_iv_drug_use: bool | None = finding("Intravenous drug use [RF].")
    infection_immunosuppression: bool | None = finding("Immunosuppression [RF].")
    infection_recent: bool | None = finding("Recent urinary or other infection [NHSL].")
    infection_tuberculosis: bool | None = finding("Tuberculosis [NHSL].")
    fracture_osteoporosis: bool | None = finding("Osteoporosis [RF].")
    fracture_steroids: bool | None = finding("Prolonged steroid use [RF].")
    fracture_trauma: bool | None = finding("Significant trauma [RF].")
    dvt_unilateral_swelling: bool | None = finding(
        "Unilateral calf or thigh swelling (> 3 cm difference) [DVT]."
    )
    dvt_pitting_oedema: bool | None = finding("Pitting oedema [DVT].")
    dvt_vein_tenderness: bool | None = finding("Tenderness along the deep veins [DVT].")
    dvt_dilated_veins: bool | None = finding("Dilated superficial (non-varicose) veins [DVT].")
    dvt_risk_factors: bool | None = finding(
        "DVT risk factors: recent surgery, immobility, long flight, cancer, oestrogen [DVT]."
    )


@dataclass(frozen=True, slots=True)
class Hip:
    mmt_hip_flexors: Bilateral[MmtGrade] = bilateral("MMT hip flexors [MMT].")
    mmt_hip_extensors: Bilateral[MmtGrade] = bilateral("MMT hip extensors [MMT].")
    mmt_hip_abductors: Bilateral[MmtGrade] = bilateral("MMT hip abductors [MMT].")
    mmt_knee_flexors: Bilateral[MmtGrade] = bilateral("MMT knee flexors [MMT].")
    hhd_hip_flexors_n: Bilateral[float] = bilateral(
        "Hand-held dynamometry, hip flexors, N [CPG22].", minimum=0, maximum=2000
    )
    hhd_hip_extensors_n: Bilateral[float] = bilateral(
        "Hand-held dynamometry, hip extensors, N [HHD].", minimum=0, maximum=2000
    )
    hhd_hip_abductors_n: Bilateral[float] = bilateral(
        "Hand-held dynamometry, hip abductors, N.", minimum=0, maximum=2000
    )
    hhd_knee_flexors_n: Bilateral[float] = bilateral(
        "Hand-held dynamometry, knee flexors, N [CPG22].", minimum=0, maximum=2000
    )
    rom_flexion: Bilateral[float] = bilateral(
        "Hip flexion, degrees [ROM1].", minimum=0, maximum=140
    )
    rom_extension: Bilateral[float] = bilateral(
        "Hip extension, degrees [ROM1].", minimum=-20, maximum=40
    )
    rom_abduction: Bilateral[float] = bilateral(
        "Hip abduction, degrees [ROM1].", minimum=0, maximum=60
    )
    rom_adduction: Bilateral[float] = bilateral(
        "Hip adduction, degrees [ROM1].", minimum=0, maximum=40
    )
    rom_external_rotation: Bilateral[float] = bilateral(
        "Hip external rotation, degrees [ROM1].", minimum=0, maximum=70
    )
    rom_internal_rotation: Bilateral[float] = bilateral(
        "Hip internal rotation, degrees [ROM1].", minimum=0, maximum=70
    )
    thomas_positive: Bilateral[bool] = bilateral(
        "Modified Thomas test positive: thigh stays above horizontal [THO1]."
    )
    thomas_hip_angle: Bilateral[float] = bilateral(
        "Modified Thomas hip angle relative to horizontal, degrees; > 0 = above [THO1].",
        minimum=-30,
        maximum=30,
    )
    thomas_knee_angle: Bilateral[float] = bilateral(
        "Modified Thomas knee angle, degrees; < 67 suggests rectus femoris tightness [THO3].",
        minimum=0,
        maximum=180,
    )
    thomas_pelvis_controlled: bool | None = finding(
        "Pelvic tilt was controlled during the Thomas test (otherwise unreliable) [THO2]."
    )
    faber: Bilateral[FaberResult] = bilateral("FABER (Patrick) result with pain location [FAB].")
    faber_knee_to_table_cm: Bilateral[float] = bilateral(
        "FABER knee-to-table distance, cm.", minimum=0, maximum=60
    )


@dataclass(frozen=True, slots=True)
class Pelvis:
    sagittal_tilt_degrees: float | None = finding(
        "ASIS–PSIS line vs horizontal, degrees; + = anterior. Never drives a rule alone [PEL].",
        minimum=-10,
        maximum=30,
    )
    landmark_asymmetry: Landmark | None = finding(
        "ASIS/PSIS height asymmetry; informational only (κ ≈ 0.27) [PSIS]."
    )
    landmark_asymmetry_mm: float | None = finding(
        "Size of the landmark asymmetry, mm [PSIS].", minimum=0, maximum=30
    )
    sij_distraction: Provocation | None = finding("SIJ distraction test [LAS].")
    sij_thigh_thrust: Provocation | None = finding("SIJ thigh thrust test [LAS].")
    sij_compression: Provocation | None = finding("SIJ compression test [LAS].")
    sij_sacral_thrust: Provocation | None = finding("SIJ sacral thrust test [LAS].")
    sij_gaenslen: Provocation | None = finding("Gaenslen test [LAS].")
    centralisation: bool | None = finding("Symptoms centralise on repeated lumbar movements [DP].")
    directional_preference: Direction | None = finding(
        "Preferred lumbar direction found on repeated movements [DP]."
    )


@dataclass(frozen=True, slots=True)
class Core:
    aslr: Bilateral[int] = bilateral(
        "Active straight leg raise, 0 = no difficulty … 5 = unable [ASLR].", minimum=0, maximum=5
    )
    aslr_better_with_compression: bool | None = finding(
        "ASLR is easier with pelvic compression (reduced force closure) [ASLR]."
    )
    prone_instability: bool | None = finding("Prone instability test positive [PIT].")
    aberrant_movement: bool | None = finding(
        "Aberrant movement on lumbar flexion (Hicks rule item) [HCPR]."
    )
    mcgill_flexion_s: float | None = finding(
        "McGill trunk flexor endurance, s [MCG].", minimum=0, maximum=600
    )
    mcgill_extension_s: float | None = finding(
        "Sorensen extensor endurance, s [MCG].", minimum=0, maximum=600
    )
    mcgill_side_bridge_s: Bilateral[float] = bilateral(
        "McGill side bridge endurance, s [MCG].", minimum=0, maximum=600
    )
    front_plank_s: float | None = finding("Front plank hold, s [PLK].", minimum=0, maximum=600)
    side_plank_s: Bilateral[float] = bilateral("Side plank hold, s [SPL].", minimum=0, maximum=300)
    pbu_able_to_hold: bool | None = finding(
        "Can hold 40 ± 5 mm Hg on the pressure biofeedback unit (a training aid only) [PBU]."
    )
    pbu_change_mmhg: float | None = finding(
        "Pressure change from the 40 mm Hg baseline [PBU].", minimum=-40, maximum=40
    )


@dataclass(frozen=True, slots=True)
class Foot:
    fpi_total: int | None = finding(
        "Foot Posture Index (FPI-6) total [FPI].", minimum=-12, maximum=12
    )
    navicular_drop_mm: Bilateral[float] = bilateral(
        "Navicular drop, mm; fair reliability only, never drives a rule alone [FREL].",
        minimum=0,
        maximum=25,
    )
    heel_raise_count: Bilateral[int] = bilateral(
        "Single-leg heel raises to fatigue [HR].", minimum=0, maximum=100
    )
    knee_to_wall_cm: Bilateral[float] = bilateral(
        "Weight-bearing lunge, toe-to-wall distance, cm [WBLT].", minimum=0, maximum=20
    )


@dataclass(frozen=True, slots=True)
class Gait:
    runner: bool | None = finding("The patient runs or wants to run.")
    trendelenburg: Bilateral[bool] = bilateral(
        "Trendelenburg sign, by stance side (pelvis drops on the other side) [TREN]."
    )
    pelvic_drop_gait: Severity | None = finding("Contralateral pelvic drop in gait [TREN].")
    pelvic_drop_single_leg_squat: Severity | None = finding(
        "Contralateral pelvic drop in a single-leg squat [TREN]."
    )
    walking_cadence: int | None = finding(
        "Walking cadence, steps/min [CAD].", minimum=40, maximum=160
    )
    running_cadence: int | None = finding(
        "Running cadence, steps/min [CAD2].", minimum=120, maximum=220
    )
    overstriding: bool | None = finding("Foot lands well ahead of the body [OVS].")
    low_running_cadence: bool | None = finding(
        "Clinician judges the running cadence low (no fixed norm exists) [CAD2]."
    )
    pain_running_uphill: bool | None = finding("Pain running uphill [REEV].")


@dataclass(frozen=True, slots=True)
class Neural:
    slr_angle: Bilateral[float] = bilateral(
        "Passive straight leg raise, degrees [SLR].", minimum=0, maximum=120
    )
    slr_radiating_pain: Bilateral[bool] = bilateral(
        "SLR reproduces radiating leg pain (back pain alone is negative) [SLR]."
    )
    slr_sensitised: Bilateral[bool] = bilateral(
        "SLR symptoms change with ankle dorsiflexion or neck flexion [SLR]."
    )
    crossed_slr: bool | None = finding("Crossed SLR positive [SLR].")
    slump_familiar_symptoms: bool | None = finding("Slump reproduces the familiar symptoms [SLU].")
    slump_changes_with_neck: bool | None = finding(
        "Slump symptoms change with neck flexion or extension [SLU]."
    )
    slump_asymmetric: bool | None = finding("Slump response differs from the other side [SLU].")
    slump_knee_extension: Bilateral[float] = bilateral(
        "Knee extension reached in slump, degrees [SLU].", minimum=0, maximum=90
    )
    myotome_deficit: bool | None = finding("Myotomal weakness [NHSL].")
    reflex_deficit: bool | None = finding("Reduced or absent reflex [NHSL].")
    sensation_deficit: bool | None = finding("Dermatomal sensory loss [NHSL].")


@dataclass(frozen=True, slots=True)
class Hamstring:
    tender: bool | None = finding("Tender on palpation [HEI].")
    tender_distance_cm: float | None = finding(
        "Distance of maximal tenderness from the ischial tuberosity, cm [HEI].",
        minimum=0,
        maximum=40,
    )
    tender_length_cm: float | None = finding(
        "Length of the tender area, cm [HEI].", minimum=0, maximum=40
    )
    puranen_orava: Provocation | None = finding("Puranen-Orava test [PO].")
    bent_knee_stretch: Provocation | None = finding("Bent-knee stretch test [BKS].")
    modified_bent_knee_stretch: Provocation | None = finding(
        "Modified bent-knee stretch test [HHP]."
    )
    tost: bool | None = finding(
        "Taking-off-the-shoe test; for acute biceps femoris strain, not tendinopathy [TOST]."
    )
    active_knee_extension_lag: Bilateral[float] = bilateral(
        "Active knee extension at 90° hip flexion, degrees short of full extension [AKE].",
        minimum=0,
        maximum=90,
    )
    single_leg_bridge_reps: Bilateral[int] = bilateral(
        "Single-leg hamstring bridge on a 60 cm box, reps to failure [SLHB].",
        minimum=0,
        maximum=80,
    )
    h_test_insecurity: float | None = finding(
        "Askling H-test insecurity 0–100; a return-to-sport test, not a diagnosis [HT].",
        minimum=0,
        maximum=100,
    )
    h_test_angle: float | None = finding(
        "Askling H-test hip angle, degrees [HT].", minimum=0, maximum=150
    )
    resisted_knee_flexion_painful: bool | None = finding(
        "Resisted knee flexion reproduces the pain [HEI]."
    )
    knee_flexor_mmt_90: Bilateral[MmtGrade] = bilateral("Prone knee flexor MMT at 90° [HEI].")
    knee_flexor_mmt_15: Bilateral[MmtGrade] = bilateral("Prone knee flexor MMT at 15° [HEI].")
    knee_flexor_test_painful: bool | None = finding(
        "The prone knee flexor strength tests were painful [HEI]."
    )
    submax_isometric_90_pain_free: bool | None = finding(
        "Submaximal (50–70 %) prone isometric knee flexion at 90° is pain-free [HEI]."
    )
    nordic_force_n: Bilateral[float] = bilateral(
        "Nordic eccentric force, N [NHS].", minimum=0, maximum=1000
    )


@dataclass(frozen=True, slots=True)
class FunctionTests:
    """Functional and load tests used by the progression gates R2, R6, R7 and R19."""

    walking_normal_stride_pain_free: bool | None = finding(
        "Walks with a normal stride without pain [HEI]."
    )
    slow_jog_pain_free: bool | None = finding("A very slow jog is pain-free [HEI].")
    sport_speed_pain_free: bool | None = finding(
        "Sport-specific movement near maximal speed is pain-free [HEI]."
    )
    brisk_walk_30min_pain_free: bool | None = finding(
        "A 30-minute brisk walk without pain or limp [RTR]."
    )
    single_leg_squats_pain_free: Bilateral[int] = bilateral(
        "Pain-free single-leg squats with good control [RTR].", minimum=0, maximum=50
    )
    single_leg_hop_20s: Bilateral[int] = bilateral(
        "Single-leg hops in 20 seconds [RTR2].", minimum=0, maximum=100
    )
    load_test_pain: int | None = finding(
        "Pain 0–10 during the tendon load test (3 short-lever single-leg bridges) [POGO].",
        minimum=0,
        maximum=10,
    )
    load_test_settled_next_morning: bool | None = finding(
        "Pain from the load test settled by the next morning [PMM]."
    )


@dataclass(frozen=True, slots=True)
class OutcomeScores:
    nprs: int | None = finding("NPRS, 0–10 [NPRS].", minimum=0, maximum=10)
    lefs: int | None = finding("LEFS total, 0–80 [LEFS].", minimum=0, maximum=80)
    odi_percent: float | None = finding("Oswestry, percent [ODI].", minimum=0, maximum=100)
    psfs_mean: float | None = finding("PSFS mean, 0–10 [PSFS].", minimum=0, maximum=10)
    visa_h: int | None = finding("VISA-H total, 0–100 [VISA].", minimum=0, maximum=100)


@dataclass(frozen=True, slots=True)
class PreviousOutcomes(OutcomeScores):
    weeks_ago: float | None = finding(
        "Weeks between the previous scores and these.", minimum=0, maximum=520
    )


@dataclass(frozen=True, slots=True)
class FindingsSnapshot:
    age: int | None = finding("Patient age in years.", minimum=0, maximum=120)
    symptomatic_side: Side | None = finding("Side of the symptoms; 'both' if bilateral.")
    visit_type: VisitType | None = finding("Initial, follow-up or discharge visit.")
    history: History = section(History, "History and symptoms.")
    red_flags: RedFlagScreen = section(RedFlagScreen, "Red-flag screen (DOMAIN.md §3).")
    hip: Hip = section(Hip, "Hip.")
    pelvis: Pelvis = section(Pelvis, "Pelvis and sacroiliac joint.")
    core: Core = section(Core, "Core and lumbopelvic control.")
    foot: Foot = section(Foot, "Foot and ankle.")
    gait: Gait = section(Gait, "Gait and running.")
    neural: Neural = section(Neural, "Neural tests.")
    hamstring: Hamstring = section(Hamstring, "Hamstring-specific tests.")
    function: FunctionTests = section(FunctionTests, "Functional and load tests (gates).")
    outcomes: OutcomeScores = section(OutcomeScores, "Outcome scores at this visit.")
    previous_outcomes: PreviousOutcomes | None = finding(
        "Outcome scores from an earlier visit, for the follow-up rule R24."
    )
