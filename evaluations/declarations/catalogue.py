"""Every finding of the evaluation, declared once: ranges, units, answers and normal values
from clinical reference §1 (source keys in brackets, clinical reference §8).

The order is the order of the form, the report and the signed note's field list. To add a
finding, add one line here and generate its migration (`manage.py makemigrations`); the
model, snapshot, schema, form, report and LSI list follow (docs/architecture.md).
"""

from .answers import (
    DIRECTION,
    FABER,
    INJURY_KIND,
    INJURY_REGION,
    LANDMARK,
    MECHANISM,
    ONSET,
    SEVERITY,
)
from .declare import answer, choice, criterion, measure, mmt, note, provocation, test, text
from .kinds import Normal, SectionDeclaration

# [MCG] Anderson 2014 example norms (s): flexion, extension, right and left side bridge.
MCGILL_NORMS = {"flexion": 160.0, "extension": 101.0, "right": 54.0, "left": 55.0}
# [MCG] gives no cut-off for "well below norms"; half the norm is this engine's reading.
MCGILL_WELL_BELOW = 0.5
# [RF_NEURO] "dorsiflexion ≤ 3/5 (foot drop)": a myotome this weak is a possible red flag.
MYOTOME_RED_FLAG_AT_OR_BELOW = "3"

HISTORY = SectionDeclaration(
    "history",
    "History and symptoms",
    "history",
    "History",
    "History and symptoms.",
    verbose_name_plural="histories",
    region=False,
    group_about={"old_injuries": "Old injuries, surgery or scars (where, what, year)."},
    findings=(
        choice("onset", "onset", ONSET, about="Onset of the current episode."),
        choice("mechanism", "mechanism", MECHANISM, about="Mechanism of injury, if any."),
        # The reference gives no range; ten years is what any saved note holds.
        measure(
            "weeks_since_onset", "time since onset", 0, 520, "weeks", about="Weeks since onset."
        ),
        # The article's presentations of hamstring pain.
        answer(
            "dull_ache",
            "dull ache in the back of the thigh",
            about="A dull ache in the back of the thigh.",
        ),
        answer(
            "sharp_pain_bending_forward",
            "sharp pain bending forward",
            about="Sharp pain when bending forward.",
        ),
        answer(
            "pain_sitting",
            "pain while sitting",
            about="Pain while sitting (hard surfaces) [GOOM].",
        ),
        answer(
            "pain_walking_uphill", "pain walking uphill", about="Discomfort when walking uphill."
        ),
        answer(
            "persistent_tightness",
            "tightness that never goes away",
            about="Tightness that never seems to go away.",
        ),
        answer(
            "pulling_when_running",
            "pulling sensation when running",
            about="A pulling sensation during running.",
        ),
        answer(
            "sit_bone_pain",
            "pain at the sit bone",
            about="Well-localised pain at the sit bone [GOOM].",
        ),
        answer(
            "pain_putting_on_shoes",
            "pain putting on shoes or pants",
            about="Pain putting on shoes or trousers (deep hip flexion) [GOOM].",
        ),
        answer(
            "warms_up_then_worse",
            "eases with warm-up, worse afterwards",
            help="Typical tendon behaviour [GOOM].",
            about="Pain eases as the activity warms up, then is worse afterwards [GOOM].",
        ),
        measure(
            "previous_hamstring_strains",
            "previous hamstring strains",
            0,
            50,
            "strains",
            whole=True,
            about="Number of earlier hamstring strains.",
        ),
        choice(
            "old_injury_region",
            "old injury or surgery: where",
            INJURY_REGION,
            group="old_injuries",
            about="Where the old injury or scar is.",
        ),
        choice(
            "old_injury_kind",
            "old injury or surgery: what kind",
            INJURY_KIND,
            group="old_injuries",
            about="What it was.",
        ),
        text(
            "old_injury_description",
            "old injury or surgery: details",
            group="old_injuries",
            about="Free text, e.g. 'femur fracture, nailed'.",
        ),
        measure(
            "old_injury_year",
            "old injury or surgery: year",
            1900,
            2100,
            "",
            whole=True,
            group="old_injuries",
            about="Year of the injury or surgery.",
        ),
        answer(
            "old_injury_scar",
            "scar at the old injury or surgery",
            group="old_injuries",
            about="A scar or scar tissue is present at the site.",
        ),
        measure(
            "sitting_hours_per_day",
            "sitting per day",
            0,
            24,
            "h",
            decimals=1,
            about="Hours sitting per day.",
        ),
        text("occupation", "occupation and its demands", about="Occupation."),
        text(
            "activity_goals",
            "activity goals",
            500,
            about="Activity goals in the patient's words.",
        ),
        # Related pain up and down the chain.
        answer("low_back_pain", "low back pain", about="Related low back pain."),
        answer("sij_pain", "SI joint pain", about="Related sacroiliac joint pain."),
        answer(
            "upper_back_shoulder_pain",
            "upper back or shoulder pain",
            about="Related upper back or shoulder pain.",
        ),
        answer(
            "foot_calf_pain",
            "foot or calf pain or tightness",
            about="Related foot or calf pain or tightness.",
        ),
        measure("pain_now", "pain now", 0, 10, "/10", whole=True, about="Pain now, NPRS 0–10."),
        measure(
            "pain_best",
            "pain at best (24 h)",
            0,
            10,
            "/10",
            whole=True,
            about="Best pain in 24 h, NPRS 0–10.",
        ),
        measure(
            "pain_worst",
            "pain at worst (24 h)",
            0,
            10,
            "/10",
            whole=True,
            about="Worst pain in 24 h, NPRS 0–10.",
        ),
        note("aggravating_factors", "aggravating factors", 500, about="What makes it worse."),
        note("easing_factors", "easing factors", 500, about="What makes it better."),
    ),
)

RED_FLAGS = SectionDeclaration(
    "red-flags",
    "Red-flag screen",
    "red_flags",
    "RedFlagScreen",
    "Red-flag screen (clinical reference §3).",
    doc="clinical reference §3, one answer per question: True = yes, False = asked and no.",
    region=False,
    findings=(
        # Cauda equina: new (< 14 days) or worsening [CES][CES2].
        answer(
            "ces_saddle_numbness",
            "new or worsening saddle or perianal numbness",
            about="New or worsening saddle or perianal numbness [CES].",
        ),
        answer(
            "ces_bladder_bowel",
            "new or worsening bladder or bowel disturbance",
            about="New or worsening bladder or bowel disturbance (retention, incontinence) [CES].",
        ),
        answer(
            "ces_sexual_dysfunction",
            "new or worsening sexual dysfunction",
            about="New or worsening sexual dysfunction [CES].",
        ),
        answer(
            "ces_bilateral_leg_symptoms",
            "bilateral sciatica or bilateral leg weakness",
            about="Bilateral sciatica or bilateral leg weakness [CES].",
        ),
        answer(
            "neuro_progressive_motor_deficit",
            "progressive or severe motor deficit (foot drop)",
            about="Progressive or severe motor deficit, e.g. foot drop (dorsiflexion ≤ 3/5) "
            "[NHSL].",
        ),
        answer(
            "neuro_multilevel_deficit",
            "deficit at more than one level",
            about="Deficit at more than one level [NHSL].",
        ),
        answer(
            "neuro_widespread_signs",
            "widespread or worsening neurological signs",
            about="Widespread or worsening neurological signs [GPR].",
        ),
        answer(
            "avulsion_pop",
            "sudden pop or snap with forced hip flexion and knee extension",
            about="Sudden pop or snap with forced hip flexion and knee extension, immediate pain "
            "[AVU].",
        ),
        answer(
            "avulsion_cannot_walk_normally",
            "cannot walk normally since the injury",
            about="Cannot walk normally since [AVU].",
        ),
        answer(
            "avulsion_large_bruise",
            "large bruise on the back of the thigh",
            about="Large bruise over the back of the thigh [AVU].",
        ),
        answer(
            "avulsion_palpable_gap",
            "palpable gap below the sit bone",
            about="Palpable gap below the sit bone [AVU2].",
        ),
        answer(
            "avulsion_marked_knee_flexion_weakness",
            "marked knee-flexion weakness",
            about="Marked knee-flexion weakness [AVU].",
        ),
        answer(
            "adolescent_acute_ischial_injury",
            "skeletally immature, acute injury with ischial tenderness",
            about="Skeletally immature with an acute proximal hamstring injury and ischial "
            "tenderness [ADO].",
        ),
        # Age ≥ 50 is a cancer criterion too; it comes from the date of birth [RF].
        answer("cancer_history", "history of cancer", about="History of cancer [RF]."),
        answer(
            "cancer_weight_loss", "unexplained weight loss", about="Unexplained weight loss [RF]."
        ),
        answer(
            "cancer_no_improvement",
            "no improvement after 4–6 weeks of care",
            about="No improvement after 4–6 weeks of care [RF].",
        ),
        answer(
            "cancer_night_pain",
            "unrelenting night or rest pain",
            about="Unrelenting night or rest pain [RF].",
        ),
        answer(
            "infection_fever",
            "fever over 38 °C for more than 48 h",
            about="Fever over 38 °C for more than 48 h [RF].",
        ),
        answer("infection_iv_drug_use", "intravenous drug use", about="Intravenous drug use [RF]."),
        answer("infection_immunosuppression", "immunosuppression", about="Immunosuppression [RF]."),
        answer(
            "infection_recent",
            "recent urinary or other infection",
            about="Recent urinary or other infection [NHSL].",
        ),
        answer("infection_tuberculosis", "tuberculosis", about="Tuberculosis [NHSL]."),
        answer("fracture_osteoporosis", "osteoporosis", about="Osteoporosis [RF]."),
        answer("fracture_steroids", "prolonged steroid use", about="Prolonged steroid use [RF]."),
        answer("fracture_trauma", "significant trauma", about="Significant trauma [RF]."),
        answer(
            "dvt_unilateral_swelling",
            "one-sided calf or thigh swelling (> 3 cm difference)",
            about="Unilateral calf or thigh swelling (> 3 cm difference) [DVT].",
        ),
        answer("dvt_pitting_oedema", "pitting oedema", about="Pitting oedema [DVT]."),
        answer(
            "dvt_vein_tenderness",
            "tenderness along the deep veins",
            about="Tenderness along the deep veins [DVT].",
        ),
        answer(
            "dvt_dilated_veins",
            "dilated superficial veins",
            about="Dilated superficial (non-varicose) veins [DVT].",
        ),
        answer(
            "dvt_risk_factors",
            "DVT risk factors (surgery, immobility, flight, cancer, oestrogen)",
            about="DVT risk factors: recent surgery, immobility, long flight, cancer, oestrogen "
            "[DVT].",
        ),
        note("notes", "red-flag notes", in_snapshot=False),
    ),
)


def _hhd(name, label, about, lsi):
    # Hand-held dynamometry, best of 3 [CPG22][HHD].
    return measure(name, label, 0, 2000, "N", decimals=1, bilateral=True, about=about, lsi=lsi)


def _rom(name, label, low, high, about, normal):
    # Goniometer ranges [ROM1][ROM2]; typical ranges [ROM1].
    return measure(
        name,
        label,
        low,
        high,
        "°",
        bilateral=True,
        about=about,
        normal=Normal(f"{normal[0]}–{normal[1]}°", "ROM1", *normal),
    )


HIP = SectionDeclaration(
    "hip",
    "Hip",
    "hip",
    "Hip",
    "Hip.",
    findings=(
        mmt("mmt_hip_flexors", "hip flexors MMT", about="MMT hip flexors [MMT]."),
        mmt("mmt_hip_extensors", "hip extensors MMT", about="MMT hip extensors [MMT]."),
        mmt("mmt_hip_abductors", "hip abductors MMT", about="MMT hip abductors [MMT]."),
        mmt("mmt_knee_flexors", "knee flexors MMT", about="MMT knee flexors [MMT]."),
        _hhd(
            "hhd_hip_flexors_n",
            "hip flexors HHD",
            "Hand-held dynamometry, hip flexors, N [CPG22].",
            "Hip flexor strength (HHD)",
        ),
        _hhd(
            "hhd_hip_extensors_n",
            "hip extensors HHD",
            "Hand-held dynamometry, hip extensors, N [HHD].",
            "Hip extensor strength (HHD)",
        ),
        _hhd(
            "hhd_hip_abductors_n",
            "hip abductors HHD",
            "Hand-held dynamometry, hip abductors, N.",
            "Hip abductor strength (HHD)",
        ),
        _hhd(
            "hhd_knee_flexors_n",
            "knee flexors HHD",
            "Hand-held dynamometry, knee flexors, N [CPG22].",
            "Knee flexor strength (HHD)",
        ),
        _rom("rom_flexion", "flexion", 0, 140, "Hip flexion, degrees [ROM1].", (110, 125)),
        _rom("rom_extension", "extension", -20, 40, "Hip extension, degrees [ROM1].", (10, 30)),
        _rom("rom_abduction", "abduction", 0, 60, "Hip abduction, degrees [ROM1].", (30, 50)),
        _rom("rom_adduction", "adduction", 0, 40, "Hip adduction, degrees [ROM1].", (20, 30)),
        _rom(
            "rom_external_rotation",
            "external rotation",
            0,
            70,
            "Hip external rotation, degrees [ROM1].",
            (40, 60),
        ),
        _rom(
            "rom_internal_rotation",
            "internal rotation",
            0,
            70,
            "Hip internal rotation, degrees [ROM1].",
            (30, 40),
        ),
        # Modified Thomas: positive when the thigh stays above horizontal (angle > 0°) [THO1].
        # Without pelvic control it is unreliable [THO2]: never a rule's only reason.
        test(
            "thomas_positive",
            "modified Thomas",
            bilateral=True,
            drives_rules_alone=False,
            about="Modified Thomas test positive: thigh stays above horizontal [THO1].",
        ),
        measure(
            "thomas_hip_angle",
            "Thomas hip angle",
            -30,
            30,
            "°",
            bilateral=True,
            help="Above horizontal is positive.",
            drives_rules_alone=False,
            normal=Normal("≤ 0°", "THO1", high=0),
            about="Modified Thomas hip angle relative to horizontal, degrees; > 0 = above [THO1].",
        ),
        measure(
            "thomas_knee_angle",
            "Thomas knee angle",
            0,
            180,
            "°",
            bilateral=True,
            help="Under 67° suggests rectus femoris.",
            drives_rules_alone=False,
            normal=Normal("≥ 67°", "THO3", low=67),
            about="Modified Thomas knee angle, degrees; < 67 suggests rectus femoris tightness "
            "[THO3].",
        ),
        answer(
            "thomas_pelvis_controlled",
            "pelvic tilt controlled during the Thomas test",
            help="Without pelvic control the test is unreliable (Sn 32 %, Sp 57 %) [THO2].",
            about="Pelvic tilt was controlled during the Thomas test (otherwise unreliable) "
            "[THO2].",
        ),
        choice(
            "faber",
            "FABER",
            FABER,
            bilateral=True,
            about="FABER (Patrick) result with pain location [FAB].",
        ),
        measure(
            "faber_knee_to_table_cm",
            "FABER knee-to-table",
            0,
            60,
            "cm",
            decimals=1,
            bilateral=True,
            about="FABER knee-to-table distance, cm.",
        ),
    ),
)

PELVIS = SectionDeclaration(
    "pelvis",
    "Pelvis / SIJ",
    "pelvis",
    "Pelvis",
    "Pelvis and sacroiliac joint.",
    findings=(
        measure(
            "sagittal_tilt_degrees",
            "sagittal pelvic tilt",
            -10,
            30,
            "°",
            help="Anterior tilt is positive [PEL2].",
            drives_rules_alone=False,
            about="ASIS–PSIS line vs horizontal, degrees; + = anterior. Never drives a rule "
            "alone [PEL].",
        ),
        choice(
            "landmark_asymmetry",
            "ASIS / PSIS height",
            LANDMARK,
            help="Informational only: κ ≈ 0.27 and common without pain [PSIS].",
            drives_rules_alone=False,
            about="ASIS/PSIS height asymmetry; informational only (κ ≈ 0.27) [PSIS].",
        ),
        measure(
            "landmark_asymmetry_mm",
            "ASIS / PSIS difference",
            0,
            30,
            "mm",
            drives_rules_alone=False,
            about="Size of the landmark asymmetry, mm [PSIS].",
        ),
        # Laslett cluster: only the familiar pain counts [LAS].
        provocation("sij_distraction", "distraction", about="SIJ distraction test [LAS]."),
        provocation("sij_thigh_thrust", "thigh thrust", about="SIJ thigh thrust test [LAS]."),
        provocation("sij_compression", "compression", about="SIJ compression test [LAS]."),
        provocation("sij_sacral_thrust", "sacral thrust", about="SIJ sacral thrust test [LAS]."),
        provocation("sij_gaenslen", "Gaenslen", about="Gaenslen test [LAS]."),
        # Centralising is a favourable sign [DP] and its absence is no abnormal finding: no flag.
        test(
            "centralisation",
            "centralisation on repeated movements",
            help="Centralisation points to a lumbar source; exclude it before the SIJ cluster.",
            unfavourable=(),
            about="Symptoms centralise on repeated lumbar movements [DP].",
        ),
        choice(
            "directional_preference",
            "directional preference",
            DIRECTION,
            about="Preferred lumbar direction found on repeated movements [DP].",
        ),
    ),
)


def _mcgill_normal(norm_key, text):
    # [MCG] Anderson 2014 norms; under half the norm is what the plan engine calls well below.
    return Normal(text, "MCG", low=MCGILL_NORMS[norm_key] * MCGILL_WELL_BELOW)


CORE = SectionDeclaration(
    "core",
    "Core",
    "core",
    "Core",
    "Core and lumbopelvic control.",
    findings=(
        measure(
            "aslr",
            "ASLR",
            0,
            5,
            "",
            whole=True,
            bilateral=True,
            help="0 = no difficulty … 5 = unable [ASLR].",
            # [ASLR] any difficulty (1–5 per side) is positive.
            normal=Normal("0", "ASLR", high=0),
            about="Active straight leg raise, 0 = no difficulty … 5 = unable [ASLR].",
        ),
        test(
            "aslr_better_with_compression",
            "ASLR easier with pelvic compression",
            about="ASLR is easier with pelvic compression (reduced force closure) [ASLR].",
        ),
        test(
            "prone_instability",
            "prone instability test",
            about="Prone instability test positive [PIT].",
        ),
        test(
            "aberrant_movement",
            "aberrant movement",
            help="An item of the stabilisation prediction rule [HCPR].",
            about="Aberrant movement on lumbar flexion (Hicks rule item) [HCPR].",
        ),
        # McGill endurance battery [MCG].
        measure(
            "mcgill_flexion_s",
            "trunk flexor endurance",
            0,
            600,
            "s",
            normal=_mcgill_normal("flexion", "160 s"),
            about="McGill trunk flexor endurance, s [MCG].",
        ),
        measure(
            "mcgill_extension_s",
            "trunk extensor endurance (Sorensen)",
            0,
            600,
            "s",
            normal=_mcgill_normal("extension", "101 s"),
            about="Sorensen extensor endurance, s [MCG].",
        ),
        measure(
            "mcgill_side_bridge_s",
            "side bridge endurance",
            0,
            600,
            "s",
            bilateral=True,
            normal=_mcgill_normal("left", "≈ 55 s"),
            about="McGill side bridge endurance, s [MCG].",
        ),
        measure(
            "front_plank_s", "front plank hold", 0, 600, "s", about="Front plank hold, s [PLK]."
        ),
        measure(
            "side_plank_s",
            "side plank hold",
            0,
            300,
            "s",
            bilateral=True,
            about="Side plank hold, s [SPL].",
        ),
        test(
            "pbu_able_to_hold",
            "holds 40 mm Hg on the pressure biofeedback unit",
            help="A training aid, not a test of deep-core activation (Sn 0.22) [PBU].",
            about="Can hold 40 ± 5 mm Hg on the pressure biofeedback unit (a training aid only) "
            "[PBU].",
        ),
        measure(
            "pbu_change_mmhg",
            "pressure change from 40 mm Hg",
            -40,
            40,
            "mm Hg",
            normal=Normal("± 5 mm Hg", "PBU", -5, 5),
            about="Pressure change from the 40 mm Hg baseline [PBU].",
        ),
    ),
)

FOOT = SectionDeclaration(
    "foot",
    "Foot",
    "foot",
    "Foot",
    "Foot and ankle.",
    findings=(
        measure(
            "fpi_total",
            "FPI-6 total",
            -12,
            12,
            "",
            whole=True,
            help="0 to +5 normal, +6 or more pronated [FPI].",
            normal=Normal("0 to +5", "FPI", 0, 5),
            about="Foot Posture Index (FPI-6) total [FPI].",
        ),
        measure(
            "navicular_drop_mm",
            "navicular drop",
            0,
            25,
            "mm",
            bilateral=True,
            help="Fair reliability only [FREL].",
            drives_rules_alone=False,
            normal=Normal("5–9 mm", "ND", 5, 9),
            about="Navicular drop, mm; fair reliability only, never drives a rule alone [FREL].",
        ),
        measure(
            "heel_raise_count",
            "single-leg heel raises",
            0,
            100,
            "reps",
            whole=True,
            bilateral=True,
            lsi="Single-leg heel raises",
            about="Single-leg heel raises to fatigue [HR].",
        ),
        measure(
            "knee_to_wall_cm",
            "knee-to-wall",
            0,
            20,
            "cm",
            decimals=1,
            bilateral=True,
            lsi="Knee-to-wall lunge",
            about="Weight-bearing lunge, toe-to-wall distance, cm [WBLT].",
        ),
        # RF_DVT: a calf or thigh circumference difference over 3 cm is a DVT sign [DVT].
        measure(
            "calf_girth_difference_cm",
            "calf girth difference",
            0,
            20,
            "cm",
            decimals=1,
            help="Larger minus smaller calf, at the same distance below the knee. "
            "Over 3 cm: ask the DVT questions [DVT].",
            normal=Normal("≤ 3 cm", "DVT", high=3),
            about="Measured calf circumference difference between the legs, cm; over 3 cm is a "
            "DVT sign [DVT].",
        ),
    ),
)

GAIT = SectionDeclaration(
    "gait",
    "Gait",
    "gait",
    "Gait",
    "Gait and running.",
    findings=(
        answer("runner", "runs for sport or fitness", about="The patient runs or wants to run."),
        # Observed walking, apart from pain: a limp or an abnormal pattern, even pain-free, is a
        # finding of its own (RF_AVULSION asks "cannot walk normally") [AVU].
        answer(
            "walks_normally",
            "walks normally, without a limp",
            help="Observed, whether or not walking hurts; pain-free walking is a gate question "
            "in the function tests.",
            unfavourable=("no",),
            about="Walks with a normal pattern, without a limp, whether or not it hurts [AVU].",
        ),
        test(
            "trendelenburg",
            "Trendelenburg, stance",
            bilateral=True,
            about="Trendelenburg sign, by stance side (pelvis drops on the other side) [TREN].",
        ),
        choice(
            "pelvic_drop_gait",
            "pelvic drop in gait",
            SEVERITY,
            about="Contralateral pelvic drop in gait [TREN].",
        ),
        choice(
            "pelvic_drop_single_leg_squat",
            "pelvic drop in single-leg squat",
            SEVERITY,
            about="Contralateral pelvic drop in a single-leg squat [TREN].",
        ),
        measure(
            "walking_cadence",
            "walking cadence",
            40,
            160,
            "steps/min",
            whole=True,
            normal=Normal("100–120", "CAD", 100, 120),
            about="Walking cadence, steps/min [CAD].",
        ),
        measure(
            "running_cadence",
            "running cadence",
            120,
            220,
            "steps/min",
            whole=True,
            about="Running cadence, steps/min [CAD2].",
        ),
        test("overstriding", "overstriding", about="Foot lands well ahead of the body [OVS]."),
        answer(
            "low_running_cadence",
            "running cadence judged low",
            help="No fixed norm exists [CAD2].",
            about="Clinician judges the running cadence low (no fixed norm exists) [CAD2].",
        ),
        answer("pain_running_uphill", "pain running uphill", about="Pain running uphill [REEV]."),
    ),
)

NEURAL = SectionDeclaration(
    "neural",
    "Neural",
    "neural",
    "Neural",
    "Neural tests.",
    findings=(
        measure(
            "slr_angle",
            "passive SLR",
            0,
            120,
            "°",
            bilateral=True,
            lsi="Straight leg raise",
            # [SHS] short hamstrings under 70°.
            normal=Normal("≥ 70°", "SHS", low=70),
            about="Passive straight leg raise, degrees [SLR].",
        ),
        test(
            "slr_radiating_pain",
            "SLR radiating leg pain",
            bilateral=True,
            help="Back pain alone is negative [SLR].",
            about="SLR reproduces radiating leg pain (back pain alone is negative) [SLR].",
        ),
        test(
            "slr_sensitised",
            "SLR changes with dorsiflexion or neck flexion",
            bilateral=True,
            about="SLR symptoms change with ankle dorsiflexion or neck flexion [SLR].",
        ),
        test("crossed_slr", "crossed SLR", about="Crossed SLR positive [SLR]."),
        # Slump is positive only when all three hold [SLU].
        test(
            "slump_familiar_symptoms",
            "slump reproduces familiar symptoms",
            about="Slump reproduces the familiar symptoms [SLU].",
        ),
        test(
            "slump_changes_with_neck",
            "slump symptoms change with neck movement",
            about="Slump symptoms change with neck flexion or extension [SLU].",
        ),
        test(
            "slump_asymmetric",
            "slump asymmetric against the other side",
            about="Slump response differs from the other side [SLU].",
        ),
        measure(
            "slump_knee_extension",
            "slump knee extension",
            0,
            90,
            "°",
            bilateral=True,
            about="Knee extension reached in slump, degrees [SLU].",
        ),
        # The clinician's overall verdict, per side: familiar symptoms, changed by neck movement
        # and asymmetric [SLU].
        test(
            "slump_positive",
            "slump positive (overall)",
            bilateral=True,
            help="Positive on a side: familiar symptoms, changed by neck movement, asymmetric.",
            about="Slump test positive on this side, all three criteria met [SLU].",
        ),
        # Myotomes by root, graded like any MMT: ≤ 3/5 dorsiflexion is RF_NEURO's foot drop
        # [NHSL].
        mmt(
            "myotome_l4_ankle_dorsiflexion",
            "L4 myotome: ankle dorsiflexion",
            about="L4 myotome, ankle dorsiflexion strength; ≤ 3/5 is foot drop [NHSL].",
        ),
        mmt(
            "myotome_l5_great_toe_extension",
            "L5 myotome: great-toe extension",
            about="L5 myotome, great-toe extension strength [NHSL].",
        ),
        mmt(
            "myotome_s1_plantar_flexion",
            "S1 myotome: plantar flexion",
            about="S1 myotome, ankle plantar flexion strength [NHSL].",
        ),
        test("myotome_deficit", "myotome deficit", about="Myotomal weakness [NHSL]."),
        test("reflex_deficit", "reflex deficit", about="Reduced or absent reflex [NHSL]."),
        test("sensation_deficit", "sensation deficit", about="Dermatomal sensory loss [NHSL]."),
        note("neuro_notes", "neurological screen notes", in_snapshot=False),
    ),
)

HAMSTRING = SectionDeclaration(
    "hamstring",
    "Hamstring",
    "hamstring",
    "Hamstring",
    "Hamstring-specific tests.",
    findings=(
        test("tender", "tender on palpation", about="Tender on palpation [HEI]."),
        measure(
            "tender_distance_cm",
            "tender point from the sit bone",
            0,
            40,
            "cm",
            decimals=1,
            help="Sprint-type strains ≈ 12 cm, stretch-type ≈ 2 cm [HEI][CAC].",
            about="Distance of maximal tenderness from the ischial tuberosity, cm [HEI].",
        ),
        measure(
            "tender_length_cm",
            "length of the tender area",
            0,
            40,
            "cm",
            decimals=1,
            about="Length of the tender area, cm [HEI].",
        ),
        provocation("puranen_orava", "Puranen-Orava", about="Puranen-Orava test [PO]."),
        provocation(
            "bent_knee_stretch", "bent-knee stretch", about="Bent-knee stretch test [BKS]."
        ),
        provocation(
            "modified_bent_knee_stretch",
            "modified bent-knee stretch",
            about="Modified bent-knee stretch test [HHP].",
        ),
        test(
            "resisted_knee_flexion_painful",
            "painful resisted knee flexion",
            about="Resisted knee flexion reproduces the pain [HEI].",
        ),
        test(
            "tost",
            "taking-off-the-shoe test",
            help="For acute biceps femoris strain, not for tendinopathy [TOST].",
            about="Taking-off-the-shoe test; for acute biceps femoris strain, not tendinopathy "
            "[TOST].",
        ),
        measure(
            "active_knee_extension_lag",
            "active knee extension deficit",
            0,
            90,
            "°",
            bilateral=True,
            # [AKE] a lag up to ≈ 20° is normal.
            normal=Normal("≤ 20°", "AKE", high=20),
            about="Active knee extension at 90° hip flexion, degrees short of full extension "
            "[AKE].",
        ),
        measure(
            "single_leg_bridge_reps",
            "single-leg bridge to failure",
            0,
            80,
            "reps",
            whole=True,
            bilateral=True,
            lsi="Single-leg hamstring bridge",
            # [SLHB] under 20 repetitions is poor.
            normal=Normal("≥ 20", "SLHB", low=20),
            about="Single-leg hamstring bridge on a 60 cm box, reps to failure [SLHB].",
        ),
        measure(
            "h_test_insecurity",
            "H-test insecurity",
            0,
            100,
            "/100",
            help="A return-to-sport test after a strain, not a tendinopathy test [HT].",
            # [HT] any insecurity rules out maximal sprinting.
            normal=Normal("0", "HT", high=0),
            about="Askling H-test insecurity 0–100; a return-to-sport test, not a diagnosis [HT].",
        ),
        measure(
            "h_test_angle",
            "H-test hip angle",
            0,
            150,
            "°",
            about="Askling H-test hip angle, degrees [HT].",
        ),
        mmt(
            "knee_flexor_mmt_90",
            "knee flexion MMT at 90°",
            about="Prone knee flexor MMT at 90° [HEI].",
        ),
        mmt(
            "knee_flexor_mmt_15",
            "knee flexion MMT at 15°",
            about="Prone knee flexor MMT at 15° [HEI].",
        ),
        test(
            "knee_flexor_test_painful",
            "prone knee-flexion strength tests painful",
            about="The prone knee flexor strength tests were painful [HEI].",
        ),
        criterion(
            "submax_isometric_90_pain_free",
            "submaximal (50–70 %) isometric at 90° pain-free?",
            about="Submaximal (50–70 %) prone isometric knee flexion at 90° is pain-free [HEI].",
        ),
        measure(
            "nordic_force_n",
            "Nordic eccentric force",
            0,
            1000,
            "N",
            decimals=1,
            bilateral=True,
            lsi="Nordic eccentric force",
            about="Nordic eccentric force, N [NHS].",
        ),
    ),
)

FUNCTION = SectionDeclaration(
    "function",
    "Function and load tests",
    "function",
    "FunctionTests",
    "Functional and load tests (gates).",
    doc="Functional and load tests used by the progression gates R2, R6, R7 and R19.",
    verbose_name="function tests",
    verbose_name_plural="function tests",
    findings=(
        # Gate criteria: questions answered met or not met, so "met" never reads as a positive.
        criterion(
            "walking_normal_stride_pain_free",
            "walks with a normal stride without pain?",
            about="Walks with a normal stride without pain [HEI].",
        ),
        criterion(
            "slow_jog_pain_free",
            "jogs very slowly without pain?",
            about="A very slow jog is pain-free [HEI].",
        ),
        criterion(
            "sport_speed_pain_free",
            "sport-specific movement near full speed without pain?",
            about="Sport-specific movement near maximal speed is pain-free [HEI].",
        ),
        criterion(
            "brisk_walk_30min_pain_free",
            "walks briskly for 30 min without pain or limp?",
            about="A 30-minute brisk walk without pain or limp [RTR].",
        ),
        measure(
            "single_leg_squats_pain_free",
            "controlled pain-free single-leg squats",
            0,
            50,
            "reps",
            whole=True,
            bilateral=True,
            lsi="Pain-free single-leg squats",
            # Gate R19 [RTR]: 10 controlled squats each side.
            normal=Normal("≥ 10", "RTR", low=10),
            about="Pain-free single-leg squats with good control [RTR].",
        ),
        measure(
            "single_leg_hop_20s",
            "single-leg hops in 20 s",
            0,
            100,
            "hops",
            whole=True,
            bilateral=True,
            lsi="Single-leg hop, 20 s",
            about="Single-leg hops in 20 seconds [RTR2].",
        ),
        # 24-hour tendon load test, rule R2 [POGO][PMM].
        measure(
            "load_test_pain",
            "load-test pain",
            0,
            10,
            "/10",
            whole=True,
            # [PMM] loading pain above 5/10 is unacceptable.
            normal=Normal("≤ 5/10", "PMM", high=5),
            about="Pain 0–10 during the tendon load test (3 short-lever single-leg bridges) "
            "[POGO].",
        ),
        answer(
            "load_test_settled_next_morning",
            "load-test pain settled by the next morning",
            about="Pain from the load test settled by the next morning [PMM].",
        ),
    ),
)

# The sections with findings, in the order of the evaluation form and the snapshot.
SECTIONS = (HISTORY, RED_FLAGS, HIP, PELVIS, CORE, FOOT, GAIT, NEURAL, HAMSTRING, FUNCTION)
