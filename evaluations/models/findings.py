"""One model per section of the evaluation; ranges and criteria from DOMAIN.md §1.

Field names mirror the plan engine's snapshot (evaluations/plan/snapshot.py): a scalar
finding keeps its name, a bilateral one is stored as `name_left` and `name_right`. That keeps
the mapping to the engine mechanical. Empty always means not tested.
"""

from django.core.exceptions import ValidationError
from django.db import models

from .evaluation import Evaluation
from .fields import (
    answer,
    choice,
    criterion,
    measure,
    mmt,
    note,
    provocation,
    short_text,
    tri_state,
)
from .immutability import NotePart

NON_FINDING_FIELDS = ("id", "evaluation", "updated_at", "version")
PAIN_BELOW_BEST = "Pain now cannot be lower than the best pain of the last 24 hours."
PAIN_ABOVE_WORST = "Pain now cannot be higher than the worst pain of the last 24 hours."
BEST_ABOVE_WORST = "The best pain cannot be higher than the worst."


class Section(NotePart):
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking: a save names the version it started from; a stale one is refused.
    version = models.PositiveIntegerField(default=0)

    slug = ""
    title = ""
    snapshot_name = ""
    # Pages pass the section classes themselves; a template would otherwise call (build) one
    # for every `section.title` it reads, some hundred model instances per evaluation page.
    do_not_call_in_templates = True

    class Meta(NotePart.Meta):
        abstract = True

    def __str__(self):
        return f"{self.title} of evaluation {self.evaluation_id}"

    @classmethod
    def finding_fields(cls):
        return [f for f in cls._meta.concrete_fields if f.name not in NON_FINDING_FIELDS]

    def recorded_count(self):
        """How many findings are recorded; a section with any is shown as started."""
        return sum(
            1
            for field in self.finding_fields()
            if getattr(self, field.attname) not in (None, "", [], {})
        )


def _belongs_to(related_name):
    return models.OneToOneField(Evaluation, on_delete=models.CASCADE, related_name=related_name)


def _pair(builder, name, *args, **kwargs):
    """Left and right fields of a bilateral finding, e.g. `flexion, left` / `flexion, right`."""
    return builder(f"{name}, left", *args, **kwargs), builder(f"{name}, right", *args, **kwargs)


class History(Section):
    class Onset(models.TextChoices):
        SUDDEN = "sudden", "Sudden"
        GRADUAL = "gradual", "Gradual"

    class Mechanism(models.TextChoices):
        SPRINT = "sprint", "Sprinting"
        STRETCH = "stretch", "Stretching / splits"
        LIFTING = "lifting", "Lifting"
        NONE = "none", "No clear mechanism"

    class InjuryRegion(models.TextChoices):
        POSTERIOR_THIGH = "posterior_thigh", "Back of the thigh"
        BUTTOCK = "buttock", "Buttock"
        ANTERIOR_THIGH = "anterior_thigh", "Front of the thigh"
        HIP = "hip", "Hip"
        KNEE = "knee", "Knee"
        LOWER_BACK = "lower_back", "Low back"
        OTHER = "other", "Elsewhere"

    class InjuryKind(models.TextChoices):
        STRAIN = "strain", "Strain"
        SURGERY = "surgery", "Surgery"
        FRACTURE = "fracture", "Fracture"
        OTHER = "other", "Other"

    slug, title, snapshot_name = "history", "History and symptoms", "history"
    evaluation = _belongs_to("history")

    onset = choice("onset", Onset)
    mechanism = choice("mechanism", Mechanism)
    weeks_since_onset = measure("time since onset", 0, 520, "weeks")
    # The article's presentations of hamstring pain.
    dull_ache = answer("dull ache in the back of the thigh")
    sharp_pain_bending_forward = answer("sharp pain bending forward")
    pain_sitting = answer("pain while sitting")
    pain_walking_uphill = answer("pain walking uphill")
    persistent_tightness = answer("tightness that never goes away")
    pulling_when_running = answer("pulling sensation when running")
    sit_bone_pain = answer("pain at the sit bone")
    pain_putting_on_shoes = answer("pain putting on shoes or pants")
    warms_up_then_worse = answer(
        "eases with warm-up, worse afterwards", help_text="Typical tendon behaviour [GOOM]."
    )
    previous_hamstring_strains = measure("previous hamstring strains", 0, 50, "strains")
    old_injury_region = choice("old injury or surgery: where", InjuryRegion)
    old_injury_kind = choice("old injury or surgery: what kind", InjuryKind)
    old_injury_description = short_text("old injury or surgery: details")
    old_injury_year = measure("old injury or surgery: year", 1900, 2100, "")
    old_injury_scar = answer("scar at the old injury or surgery")
    sitting_hours_per_day = measure("sitting per day", 0, 24, "h", decimals=1)
    occupation = short_text("occupation and its demands")
    activity_goals = short_text("activity goals", 500)
    # Related pain up and down the chain.
    low_back_pain = answer("low back pain")
    sij_pain = answer("SI joint pain")
    upper_back_shoulder_pain = answer("upper back or shoulder pain")
    foot_calf_pain = answer("foot or calf pain or tightness")
    pain_now = measure("pain now", 0, 10, "/10")
    pain_best = measure("pain at best (24 h)", 0, 10, "/10")
    pain_worst = measure("pain at worst (24 h)", 0, 10, "/10")
    aggravating_factors = note("aggravating factors", 500)
    easing_factors = note("easing factors", 500)

    class Meta:
        verbose_name_plural = "histories"

    def clean(self):
        # Pain now lies within the best and worst of the last 24 hours (NPRS) [NPRS].
        now, best, worst = self.pain_now, self.pain_best, self.pain_worst
        if now is not None and best is not None and now < best:
            raise ValidationError({"pain_now": PAIN_BELOW_BEST})
        if now is not None and worst is not None and now > worst:
            raise ValidationError({"pain_now": PAIN_ABOVE_WORST})
        if best is not None and worst is not None and best > worst:
            raise ValidationError({"pain_best": BEST_ABOVE_WORST})


class RedFlagScreen(Section):
    """DOMAIN.md §3. Every question is answered yes or no: 'checked and negative' is a finding."""

    slug, title, snapshot_name = "red-flags", "Red-flag screen", "red_flags"
    evaluation = _belongs_to("red_flags")

    # Cauda equina: new (< 14 days) or worsening [CES][CES2].
    ces_saddle_numbness = answer("new or worsening saddle or perianal numbness")
    ces_bladder_bowel = answer("new or worsening bladder or bowel disturbance")
    ces_sexual_dysfunction = answer("new or worsening sexual dysfunction")
    ces_bilateral_leg_symptoms = answer("bilateral sciatica or bilateral leg weakness")
    neuro_progressive_motor_deficit = answer("progressive or severe motor deficit (foot drop)")
    neuro_multilevel_deficit = answer("deficit at more than one level")
    neuro_widespread_signs = answer("widespread or worsening neurological signs")
    avulsion_pop = answer("sudden pop or snap with forced hip flexion and knee extension")
    avulsion_cannot_walk_normally = answer("cannot walk normally since the injury")
    avulsion_large_bruise = answer("large bruise on the back of the thigh")
    avulsion_palpable_gap = answer("palpable gap below the sit bone")
    avulsion_marked_knee_flexion_weakness = answer("marked knee-flexion weakness")
    adolescent_acute_ischial_injury = answer(
        "skeletally immature, acute injury with ischial tenderness"
    )
    # Age ≥ 50 is a cancer criterion too; it comes from the date of birth [RF].
    cancer_history = answer("history of cancer")
    cancer_weight_loss = answer("unexplained weight loss")
    cancer_no_improvement = answer("no improvement after 4–6 weeks of care")
    cancer_night_pain = answer("unrelenting night or rest pain")
    infection_fever = answer("fever over 38 °C for more than 48 h")
    infection_iv_drug_use = answer("intravenous drug use")
    infection_immunosuppression = answer("immunosuppression")
    infection_recent = answer("recent urinary or other infection")
    infection_tuberculosis = answer("tuberculosis")
    fracture_osteoporosis = answer("osteoporosis")
    fracture_steroids = answer("prolonged steroid use")
    fracture_trauma = answer("significant trauma")
    dvt_unilateral_swelling = answer("one-sided calf or thigh swelling (> 3 cm difference)")
    dvt_pitting_oedema = answer("pitting oedema")
    dvt_vein_tenderness = answer("tenderness along the deep veins")
    dvt_dilated_veins = answer("dilated superficial veins")
    dvt_risk_factors = answer("DVT risk factors (surgery, immobility, flight, cancer, oestrogen)")
    notes = note("red-flag notes")


class Hip(Section):
    class Faber(models.TextChoices):
        NEGATIVE = "negative", "Negative"
        GROIN = "groin", "Positive: groin (hip joint)"
        POSTERIOR_SIJ = "posterior_sij", "Positive: posterior (SI joint)"
        LATERAL = "lateral", "Positive: lateral"

    slug, title, snapshot_name = "hip", "Hip", "hip"
    evaluation = _belongs_to("hip")

    mmt_hip_flexors_left, mmt_hip_flexors_right = _pair(mmt, "hip flexors MMT")
    mmt_hip_extensors_left, mmt_hip_extensors_right = _pair(mmt, "hip extensors MMT")
    mmt_hip_abductors_left, mmt_hip_abductors_right = _pair(mmt, "hip abductors MMT")
    mmt_knee_flexors_left, mmt_knee_flexors_right = _pair(mmt, "knee flexors MMT")
    # Hand-held dynamometry, best of 3 [CPG22][HHD].
    hhd_hip_flexors_n_left, hhd_hip_flexors_n_right = _pair(
        measure, "hip flexors HHD", 0, 2000, "N", decimals=1
    )
    hhd_hip_extensors_n_left, hhd_hip_extensors_n_right = _pair(
        measure, "hip extensors HHD", 0, 2000, "N", decimals=1
    )
    hhd_hip_abductors_n_left, hhd_hip_abductors_n_right = _pair(
        measure, "hip abductors HHD", 0, 2000, "N", decimals=1
    )
    hhd_knee_flexors_n_left, hhd_knee_flexors_n_right = _pair(
        measure, "knee flexors HHD", 0, 2000, "N", decimals=1
    )
    # Goniometer ranges [ROM1][ROM2].
    rom_flexion_left, rom_flexion_right = _pair(measure, "flexion", 0, 140, "°")
    rom_extension_left, rom_extension_right = _pair(measure, "extension", -20, 40, "°")
    rom_abduction_left, rom_abduction_right = _pair(measure, "abduction", 0, 60, "°")
    rom_adduction_left, rom_adduction_right = _pair(measure, "adduction", 0, 40, "°")
    rom_external_rotation_left, rom_external_rotation_right = _pair(
        measure, "external rotation", 0, 70, "°"
    )
    rom_internal_rotation_left, rom_internal_rotation_right = _pair(
        measure, "internal rotation", 0, 70, "°"
    )
    # Modified Thomas: positive when the thigh stays above horizontal (angle > 0°) [THO1].
    thomas_positive_left, thomas_positive_right = _pair(tri_state, "modified Thomas")
    thomas_hip_angle_left, thomas_hip_angle_right = _pair(
        measure, "Thomas hip angle", -30, 30, "°", help_text="Above horizontal is positive."
    )
    thomas_knee_angle_left, thomas_knee_angle_right = _pair(
        measure, "Thomas knee angle", 0, 180, "°", help_text="Under 67° suggests rectus femoris."
    )
    thomas_pelvis_controlled = answer(
        "pelvic tilt controlled during the Thomas test",
        help_text="Without pelvic control the test is unreliable (Sn 32 %, Sp 57 %) [THO2].",
    )
    faber_left, faber_right = _pair(choice, "FABER", Faber)
    faber_knee_to_table_cm_left, faber_knee_to_table_cm_right = _pair(
        measure, "FABER knee-to-table", 0, 60, "cm", decimals=1
    )


class Pelvis(Section):
    class Landmark(models.TextChoices):
        LEVEL = "level", "Level"
        LEFT_HIGH = "left_high", "Left high"
        RIGHT_HIGH = "right_high", "Right high"

    class Direction(models.TextChoices):
        FLEXION = "flexion", "Flexion"
        EXTENSION = "extension", "Extension"
        LATERAL = "lateral", "Lateral shift"

    slug, title, snapshot_name = "pelvis", "Pelvis / SIJ", "pelvis"
    evaluation = _belongs_to("pelvis")

    sagittal_tilt_degrees = measure(
        "sagittal pelvic tilt", -10, 30, "°", help_text="Anterior tilt is positive [PEL2]."
    )
    landmark_asymmetry = choice(
        "ASIS / PSIS height",
        Landmark,
        help_text="Informational only: κ ≈ 0.27 and common without pain [PSIS].",
    )
    landmark_asymmetry_mm = measure("ASIS / PSIS difference", 0, 30, "mm")
    # Laslett cluster: only the familiar pain counts [LAS].
    sij_distraction = provocation("distraction")
    sij_thigh_thrust = provocation("thigh thrust")
    sij_compression = provocation("compression")
    sij_sacral_thrust = provocation("sacral thrust")
    sij_gaenslen = provocation("Gaenslen")
    # Centralising is a favourable sign [DP] and its absence is no abnormal finding: no flag.
    centralisation = tri_state(
        "centralisation on repeated movements",
        help_text="Centralisation points to a lumbar source; exclude it before the SIJ cluster.",
        unfavourable=(),
    )
    directional_preference = choice("directional preference", Direction)


class Core(Section):
    slug, title, snapshot_name = "core", "Core", "core"
    evaluation = _belongs_to("core")

    aslr_left, aslr_right = _pair(
        measure, "ASLR", 0, 5, "", help_text="0 = no difficulty … 5 = unable [ASLR]."
    )
    aslr_better_with_compression = tri_state("ASLR easier with pelvic compression")
    prone_instability = tri_state("prone instability test")
    aberrant_movement = tri_state(
        "aberrant movement", help_text="An item of the stabilisation prediction rule [HCPR]."
    )
    # McGill endurance battery [MCG].
    mcgill_flexion_s = measure("trunk flexor endurance", 0, 600, "s")
    mcgill_extension_s = measure("trunk extensor endurance (Sorensen)", 0, 600, "s")
    mcgill_side_bridge_s_left, mcgill_side_bridge_s_right = _pair(
        measure, "side bridge endurance", 0, 600, "s"
    )
    front_plank_s = measure("front plank hold", 0, 600, "s")
    side_plank_s_left, side_plank_s_right = _pair(measure, "side plank hold", 0, 300, "s")
    pbu_able_to_hold = tri_state(
        "holds 40 mm Hg on the pressure biofeedback unit",
        help_text="A training aid, not a test of deep-core activation (Sn 0.22) [PBU].",
    )
    pbu_change_mmhg = measure("pressure change from 40 mm Hg", -40, 40, "mm Hg")


class Foot(Section):
    slug, title, snapshot_name = "foot", "Foot", "foot"
    evaluation = _belongs_to("foot")

    fpi_total = measure(
        "FPI-6 total", -12, 12, "", help_text="0 to +5 normal, +6 or more pronated [FPI]."
    )
    navicular_drop_mm_left, navicular_drop_mm_right = _pair(
        measure, "navicular drop", 0, 25, "mm", help_text="Fair reliability only [FREL]."
    )
    heel_raise_count_left, heel_raise_count_right = _pair(
        measure, "single-leg heel raises", 0, 100, "reps"
    )
    knee_to_wall_cm_left, knee_to_wall_cm_right = _pair(
        measure, "knee-to-wall", 0, 20, "cm", decimals=1
    )


class Gait(Section):
    class Severity(models.TextChoices):
        NONE = "none", "None"
        MILD = "mild", "Mild"
        MARKED = "marked", "Marked"

    slug, title, snapshot_name = "gait", "Gait", "gait"
    evaluation = _belongs_to("gait")

    runner = answer("runs for sport or fitness")
    trendelenburg_left, trendelenburg_right = _pair(tri_state, "Trendelenburg, stance")
    pelvic_drop_gait = choice("pelvic drop in gait", Severity)
    pelvic_drop_single_leg_squat = choice("pelvic drop in single-leg squat", Severity)
    walking_cadence = measure("walking cadence", 40, 160, "steps/min")
    running_cadence = measure("running cadence", 120, 220, "steps/min")
    overstriding = tri_state("overstriding")
    low_running_cadence = answer(
        "running cadence judged low", help_text="No fixed norm exists [CAD2]."
    )
    pain_running_uphill = answer("pain running uphill")


class Neural(Section):
    slug, title, snapshot_name = "neural", "Neural", "neural"
    evaluation = _belongs_to("neural")

    slr_angle_left, slr_angle_right = _pair(measure, "passive SLR", 0, 120, "°")
    slr_radiating_pain_left, slr_radiating_pain_right = _pair(
        tri_state, "SLR radiating leg pain", help_text="Back pain alone is negative [SLR]."
    )
    slr_sensitised_left, slr_sensitised_right = _pair(
        tri_state, "SLR changes with dorsiflexion or neck flexion"
    )
    crossed_slr = tri_state("crossed SLR")
    # Slump is positive only when all three hold [SLU].
    slump_familiar_symptoms = tri_state("slump reproduces familiar symptoms")
    slump_changes_with_neck = tri_state("slump symptoms change with neck movement")
    slump_asymmetric = tri_state("slump asymmetric against the other side")
    slump_knee_extension_left, slump_knee_extension_right = _pair(
        measure, "slump knee extension", 0, 90, "°"
    )
    myotome_deficit = tri_state("myotome deficit")
    reflex_deficit = tri_state("reflex deficit")
    sensation_deficit = tri_state("sensation deficit")
    neuro_notes = note("neurological screen notes")


class Hamstring(Section):
    slug, title, snapshot_name = "hamstring", "Hamstring", "hamstring"
    evaluation = _belongs_to("hamstring")

    tender = tri_state("tender on palpation")
    tender_distance_cm = measure(
        "tender point from the sit bone",
        0,
        40,
        "cm",
        decimals=1,
        help_text="Sprint-type strains ≈ 12 cm, stretch-type ≈ 2 cm [HEI][CAC].",
    )
    tender_length_cm = measure("length of the tender area", 0, 40, "cm", decimals=1)
    puranen_orava = provocation("Puranen-Orava")
    bent_knee_stretch = provocation("bent-knee stretch")
    modified_bent_knee_stretch = provocation("modified bent-knee stretch")
    resisted_knee_flexion_painful = tri_state("painful resisted knee flexion")
    tost = tri_state(
        "taking-off-the-shoe test",
        help_text="For acute biceps femoris strain, not for tendinopathy [TOST].",
    )
    active_knee_extension_lag_left, active_knee_extension_lag_right = _pair(
        measure, "active knee extension deficit", 0, 90, "°"
    )
    single_leg_bridge_reps_left, single_leg_bridge_reps_right = _pair(
        measure, "single-leg bridge to failure", 0, 80, "reps"
    )
    h_test_insecurity = measure(
        "H-test insecurity",
        0,
        100,
        "/100",
        help_text="A return-to-sport test after a strain, not a tendinopathy test [HT].",
    )
    h_test_angle = measure("H-test hip angle", 0, 150, "°")
    knee_flexor_mmt_90_left, knee_flexor_mmt_90_right = _pair(mmt, "knee flexion MMT at 90°")
    knee_flexor_mmt_15_left, knee_flexor_mmt_15_right = _pair(mmt, "knee flexion MMT at 15°")
    knee_flexor_test_painful = tri_state("prone knee-flexion strength tests painful")
    submax_isometric_90_pain_free = criterion("submaximal (50–70 %) isometric at 90° pain-free?")
    nordic_force_n_left, nordic_force_n_right = _pair(
        measure, "Nordic eccentric force", 0, 1000, "N", decimals=1
    )


class FunctionTests(Section):
    """Functional and load tests behind the progression gates R2, R6, R7 and R19."""

    slug, title, snapshot_name = "function", "Function and load tests", "function"
    evaluation = _belongs_to("function")

    # Gate criteria: questions answered met or not met, so "met" never reads as a positive test.
    walking_normal_stride_pain_free = criterion("walks with a normal stride without pain?")
    slow_jog_pain_free = criterion("jogs very slowly without pain?")
    sport_speed_pain_free = criterion("sport-specific movement near full speed without pain?")
    brisk_walk_30min_pain_free = criterion("walks briskly for 30 min without pain or limp?")
    single_leg_squats_pain_free_left, single_leg_squats_pain_free_right = _pair(
        measure, "controlled pain-free single-leg squats", 0, 50, "reps"
    )
    single_leg_hop_20s_left, single_leg_hop_20s_right = _pair(
        measure, "single-leg hops in 20 s", 0, 100, "hops"
    )
    # 24-hour tendon load test, rule R2 [POGO][PMM].
    load_test_pain = measure("load-test pain", 0, 10, "/10")
    load_test_settled_next_morning = answer("load-test pain settled by the next morning")

    class Meta:
        verbose_name = "function tests"
        verbose_name_plural = "function tests"


class Outcomes(Section):
    """Questionnaire answers as lists; totals come from evaluations.scoring, never stored twice."""

    slug, title, snapshot_name = "outcomes", "Outcome measures", "outcomes"
    evaluation = _belongs_to("outcomes")

    lefs_answers = models.JSONField("LEFS answers", default=list, blank=True)
    odi_answers = models.JSONField("Oswestry answers", default=list, blank=True)
    psfs_items = models.JSONField("PSFS activities", default=list, blank=True)
    visa_h_answers = models.JSONField("VISA-H answers", default=list, blank=True)

    class Meta:
        verbose_name_plural = "outcomes"


SECTIONS = [
    History,
    RedFlagScreen,
    Hip,
    Pelvis,
    Core,
    Foot,
    Gait,
    Neural,
    Hamstring,
    FunctionTests,
    Outcomes,
]
SECTION_BY_SLUG = {section.slug: section for section in SECTIONS}


def section_attr(section):
    """The attribute of an evaluation that holds this section (`evaluation.hip`)."""
    return section._meta.get_field("evaluation").remote_field.related_name
