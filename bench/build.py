"""Fills the benchmark database: clinics, clinicians, patients and their evaluations, fast.

Patients come from the test suite's PatientFactory (Faker names and dates of birth) and go in
with bulk_create. Evaluations, their eleven section rows each and their plan items go in with
PostgreSQL's COPY: every evaluation copies one of eight templates (the demo's four patients,
as an initial visit and as a follow-up), whose findings, engine plan and note content are
computed once, through the app's own code (build_snapshot, build_plan, the plan review's item
rows and note_hash).

Bulk writes skip save(), so neither the signed-note guard nor the audit log sees them: rows are
written in their final state. A patient's first two visits are signed notes with their content
hash; the third is a draft whose plan was made after its findings. Signing comes last, as in the
app (the database may refuse rows added under a note that is already signed).
"""

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

import factory.random
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from evaluations.demo import ALL_RED_FLAGS_CHECKED_NEGATIVE, DEMO_EVALUATIONS
from evaluations.library import engine_library, seed_exercise_library
from evaluations.models import SECTIONS, Evaluation, PlanItem, section_attr
from evaluations.plan.engine import build_plan
from evaluations.services.integrity import legacy_hash
from evaluations.services.plan_review import _item_rows, plan_data
from evaluations.services.signing import red_flag_referrals
from evaluations.services.snapshot_builder import build_snapshot
from patients.models import Clinic, Membership, Patient, User
from tests.factories import TEST_PASSWORD, PatientFactory

CLINICS = 5
CLINICIANS_PER_CLINIC = 4
VISITS_PER_PATIENT = 3
# The first patient has a long history: the patient page is measured with ten visits.
LONG_HISTORY_VISITS = 10
BENCH_USERNAME = "bench-pt"
FIRST_VISIT = datetime.date(2023, 1, 2)
VISIT_INTERVAL = datetime.timedelta(days=21)
UTC = datetime.UTC


@dataclass
class Template:
    evaluation: Evaluation
    sections: dict
    items: list
    plan_data: dict
    section_rows: dict
    item_rows: list


def _db_values(instance, fields):
    return tuple(f.get_db_prep_save(getattr(instance, f.attname), connection) for f in fields)


def _columns(model, *, skip=()):
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in skip]


SECTION_FIELDS = {
    section: _columns(section, skip=("evaluation", "updated_at")) for section in SECTIONS
}
ITEM_FIELDS = _columns(PlanItem, skip=("evaluation", "created_at", "updated_at"))


def _section_row(section, values):
    row = section(**values)
    row.clean_fields(exclude=["evaluation"])
    # The database hands decimals back with their scale (9 → 9.0); hash what it will return.
    for field in section._meta.concrete_fields:
        value = getattr(row, field.attname)
        if getattr(field, "decimal_places", None) is not None and value is not None:
            setattr(row, field.attname, value.quantize(Decimal(1).scaleb(-field.decimal_places)))
    return row


def _template(findings, visit_type):
    evaluation = Evaluation(
        visit_date=FIRST_VISIT,
        visit_type=visit_type,
        symptomatic_side=findings["symptomatic_side"],
        patient=Patient(date_of_birth=datetime.date(1985, 6, 1)),
    )
    values = {k: v for k, v in findings.items() if k != "symptomatic_side"}
    values["red_flags"] = ALL_RED_FLAGS_CHECKED_NEGATIVE
    sections = {}
    for section in SECTIONS:
        attr = section_attr(section)
        row = _section_row(section, values.get(attr, {}))
        setattr(evaluation, attr, row)
        sections[attr] = row
    # The bench's clinics have copied nothing, so each plans from the shared library.
    plan = build_plan(build_snapshot(evaluation), engine_library(clinic_id=None))
    items = _item_rows(evaluation, plan.items, 0)
    data = plan_data(plan)
    # A blocking referral would need its acknowledgement before signing; the demo has none.
    assert not red_flag_referrals(SimpleNamespace(plan_data=data))
    return Template(
        evaluation=evaluation,
        sections=sections,
        items=items,
        plan_data=data,
        section_rows={
            s: _db_values(sections[section_attr(s)], SECTION_FIELDS[s]) for s in SECTIONS
        },
        item_rows=[_db_values(item, ITEM_FIELDS) for item in items],
    )


def make_templates():
    return [
        _template(findings, visit_type)
        for findings in DEMO_EVALUATIONS.values()
        for visit_type in (Evaluation.VisitType.INITIAL, Evaluation.VisitType.FOLLOW_UP)
    ]


class _All:
    def __init__(self, rows):
        self.rows = rows

    def all(self):
        return self.rows


def signed_note_hash(template, row):
    """The format-1 hash (integrity.legacy_hash) of the note the row will be."""
    note = SimpleNamespace(
        **template.sections,
        plan_items=_All(template.items),
        referral_acknowledgements=_All([]),
        patient=SimpleNamespace(public_id=row["patient_public_id"]),
        plan_data=template.plan_data,
        **{k: v for k, v in row.items() if k != "patient_public_id"},
    )
    return legacy_hash(note)


def create_staff():
    """Five clinics with four clinicians each; `bench-pt` is the first of the first clinic."""
    password = make_password(TEST_PASSWORD)
    clinics = Clinic.objects.bulk_create(
        Clinic(name=f"Bench Clinic {n}", address=f"{n} Bench Street") for n in range(1, CLINICS + 1)
    )
    staff = [
        (clinic, User(username=f"bench-pt-{c}-{k}", password=password, first_name="Bench"))
        for c, clinic in enumerate(clinics, 1)
        for k in range(CLINICIANS_PER_CLINIC)
    ]
    staff[0][1].username = BENCH_USERNAME
    users = User.objects.bulk_create(user for _, user in staff)
    Membership.objects.bulk_create(Membership(user=user, clinic=clinic) for clinic, user in staff)
    return clinics, users


def _reserve_ids(model, count):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model, columns, rows):
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    statement = f"COPY {model._meta.db_table} ({names}) FROM STDIN"
    with connection.connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _at(day, hour, minute):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=UTC)


def clinic_index(n):
    """Half the patients are in the first clinic (50 000 of 100 000, as a hospital outpatient
    department would hold), the rest spread over the other four."""
    return 0 if n % 2 == 0 else 1 + (n // 2) % (CLINICS - 1)


def clinician_index(n):
    """bench-pt (the first clinician of the first clinic) sees patient 0, the measured one."""
    return clinic_index(n) * CLINICIANS_PER_CLINIC + (n // 2) % CLINICIANS_PER_CLINIC


def visits_of(n):
    return LONG_HISTORY_VISITS if n == 0 else VISITS_PER_PATIENT


def add_patients(*, clinics, users, start, count, templates):
    """Patients number start … start+count-1 (clinic_index), with three visits each."""
    factory.random.reseed_random(f"wholebody-bench-{start}")
    patients = [
        PatientFactory.build(clinic=clinics[clinic_index(n)], record_number=f"B{n:06d}")
        for n in range(start, start + count)
    ]
    with transaction.atomic():
        Patient.objects.bulk_create(patients, batch_size=2000)
        _add_evaluations(patients, start, clinics, users, templates)
    # Signing is the last write of a note, here as in the app.
    Evaluation.objects.filter(status=Evaluation.Status.DRAFT, signed_at__isnull=False).update(
        status=Evaluation.Status.SIGNED
    )
    return patients


def _add_evaluations(patients, start, clinics, users, templates):
    total = sum(visits_of(n) for n in range(start, start + len(patients)))
    ids = iter(_reserve_ids(Evaluation, total))
    evaluations, sections, items = [], {s: [] for s in SECTIONS}, []
    for n, patient in enumerate(patients, start):
        clinician = users[clinician_index(n)]
        first = FIRST_VISIT + datetime.timedelta(days=n % 700)
        for visit in range(visits_of(n)):
            template = templates[(n % len(DEMO_EVALUATIONS)) * 2 + min(visit, 1)]
            pk = next(ids)
            day = first + visit * VISIT_INTERVAL
            findings_at, plan_at = _at(day, 9, 30), _at(day, 9, 40)
            # Every visit but the latest is a signed note; the latest is a draft.
            signed = visit < visits_of(n) - 1
            row = {
                "public_id": uuid.uuid4(),
                "clinician_id": clinician.pk,
                "visit_date": day,
                "visit_type": template.evaluation.visit_type,
                "symptomatic_side": template.evaluation.symptomatic_side,
                "signed_by_id": clinician.pk if signed else None,
                "signed_at": _at(day, 9, 50) if signed else None,
            }
            content_hash = ""
            if signed:
                content_hash = signed_note_hash(
                    template, row | {"patient_public_id": patient.public_id}
                )
            evaluations.append(
                (
                    pk,
                    row["public_id"],
                    patient.pk,
                    clinician.pk,
                    day,
                    row["visit_type"],
                    row["symptomatic_side"],
                    Evaluation.Status.DRAFT,
                    _at(day, 9, 0),
                    row["signed_at"] or plan_at,
                    template_json(template),
                    plan_at,
                    row["signed_by_id"],
                    row["signed_at"],
                    content_hash,
                    "",  # no key id: a format-1 note, checked by legacy_hash
                    "",  # home programme within the limit: no reason needed
                )
            )
            for section in SECTIONS:
                sections[section].append((pk, findings_at, *template.section_rows[section]))
            items.extend((pk, plan_at, plan_at, *values) for values in template.item_rows)
    _copy(Evaluation, EVALUATION_COLUMNS, evaluations)
    for section in SECTIONS:
        columns = ["evaluation_id", "updated_at", *(f.column for f in SECTION_FIELDS[section])]
        _copy(section, columns, sections[section])
    item_columns = ["evaluation_id", "created_at", "updated_at", *(f.column for f in ITEM_FIELDS)]
    _copy(PlanItem, item_columns, items)


EVALUATION_COLUMNS = [
    "id",
    "public_id",
    "patient_id",
    "clinician_id",
    "visit_date",
    "visit_type",
    "symptomatic_side",
    "status",
    "created_at",
    "updated_at",
    "plan_data",
    "plan_generated_at",
    "signed_by_id",
    "signed_at",
    "content_hash",
    "signature_key_id",
    "home_programme_reason",
]


def template_json(template):
    if not hasattr(template, "plan_json"):
        field = Evaluation._meta.get_field("plan_data")
        template.plan_json = field.get_db_prep_save(template.plan_data, connection)
    return template.plan_json


def hashes_verify():
    """True when a stored signed note hashes, as the app checks it, to its content_hash."""
    from evaluations.selectors import SECTION_ATTRS
    from evaluations.services.signing import verify_note

    notes = Evaluation.objects.filter(status=Evaluation.Status.SIGNED).select_related(
        "patient", *SECTION_ATTRS
    )
    return all(verify_note(note) for note in notes.order_by("id")[:8])


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def seed_library():
    seed_exercise_library()


def grow_in_database(*, clinics, users, start, count, source_count):
    """Patients start … start+count-1 as copies, made inside PostgreSQL, of the first
    source_count patients (built by add_patients) with all their visits, sections and plan
    items: COPY through Python would take some ten minutes for 100 000 patients.

    Each copy gets new ids and public ids, its own record number, clinic and clinician (by
    the same rules as add_patients), the name of its source and the family name of another.
    The copied notes keep their source's content hash, which does not match their new ids:
    no page verifies a hash on view, and the bench only measures notes add_patients built.
    Triggers are off for the copy (the bench's own database, as superuser): the rows go in
    in their final state, as add_patients writes them.
    """
    new_ids = _reserve_ids(Patient, count)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            "CREATE TEMP TABLE grow_patient (n bigint, new_id bigint, source_n bigint, "
            "name_n bigint, clinic_id bigint, clinician_id bigint) ON COMMIT DROP"
        )
        rows = (
            (
                n,
                new_id,
                n % source_count,
                (n * 7919) % source_count,
                clinics[clinic_index(n)].pk,
                users[clinician_index(n)].pk,
            )
            for n, new_id in zip(range(start, start + count), new_ids, strict=True)
        )
        with (
            connection.connection.cursor() as raw,
            raw.copy("COPY grow_patient FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        cursor.execute(
            "CREATE TEMP TABLE bench_number ON COMMIT DROP AS SELECT id, "
            "substr(record_number, 2)::bigint AS n FROM patients_patient "
            "WHERE record_number LIKE 'B%'"
        )
        cursor.execute("CREATE INDEX ON bench_number (n)")
        patient_columns = [
            f.column
            for f in Patient._meta.concrete_fields
            if f.column not in ("id", "public_id", "family_name", "record_number", "clinic_id")
        ]
        copied = ", ".join(f"p.{c}" for c in patient_columns)
        cursor.execute(
            f"INSERT INTO patients_patient (id, public_id, family_name, record_number, clinic_id, "
            f"{', '.join(patient_columns)}) "
            "SELECT g.new_id, gen_random_uuid(), f.family_name, 'B' || lpad(g.n::text, 6, '0'), "
            f"g.clinic_id, {copied} FROM grow_patient g "
            "JOIN bench_number s ON s.n = g.source_n JOIN patients_patient p ON p.id = s.id "
            "JOIN bench_number fn ON fn.n = g.name_n JOIN patients_patient f ON f.id = fn.id"
        )
        cursor.execute(
            "CREATE TEMP TABLE grow_evaluation ON COMMIT DROP AS SELECT e.id AS source_id, "
            "nextval(pg_get_serial_sequence('evaluations_evaluation', 'id')) AS new_id, "
            "g.new_id AS patient_id, g.clinician_id FROM grow_patient g "
            "JOIN bench_number s ON s.n = g.source_n "
            "JOIN evaluations_evaluation e ON e.patient_id = s.id"
        )
        cursor.execute("CREATE INDEX ON grow_evaluation (source_id)")
        evaluation_columns = [
            c
            for c in EVALUATION_COLUMNS
            if c not in ("id", "public_id", "patient_id", "clinician_id", "signed_by_id")
            and c != "status"
        ]
        cursor.execute(
            "INSERT INTO evaluations_evaluation (id, public_id, patient_id, clinician_id, "
            f"signed_by_id, status, {', '.join(evaluation_columns)}) "
            "SELECT m.new_id, gen_random_uuid(), m.patient_id, m.clinician_id, "
            "CASE WHEN e.signed_by_id IS NULL THEN NULL ELSE m.clinician_id END, e.status, "
            f"{', '.join('e.' + c for c in evaluation_columns)} "
            "FROM grow_evaluation m JOIN evaluations_evaluation e ON e.id = m.source_id"
        )
        for model in (*SECTIONS, PlanItem):
            columns = [
                f.column
                for f in model._meta.concrete_fields
                if f.column not in ("id", "evaluation_id")
            ]
            table = model._meta.db_table
            cursor.execute(
                f"INSERT INTO {table} (evaluation_id, {', '.join(columns)}) "
                f"SELECT m.new_id, {', '.join('s.' + c for c in columns)} FROM {table} s "
                "JOIN grow_evaluation m ON m.source_id = s.evaluation_id"
            )
