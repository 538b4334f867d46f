"""Demo clinics for `make run`: two clinics, three users and the article's four patients.

Everything is looked up before it is created, so loading twice adds nothing twice and never
overwrites what someone changed in the demo since.
"""

import datetime

from django.db import transaction

from .models import Clinic, Membership, Patient, User

DEMO_PASSWORD = "wholebody-demo"

CLINICS = [
    {
        "name": "Riverside Physical Therapy",
        "address": "12 Riverside Walk\nSpringfield, IL 62701",
        "phone": "(217) 555-0142",
        "email": "frontdesk@riverside-pt.example",
        "paper_size": Clinic.PaperSize.LETTER,
    },
    {
        "name": "Hillside Sports Clinic",
        "address": "3 Hillside Road\nBristol BS8 1TH",
        "phone": "0117 496 0321",
        "email": "hello@hillside-sports.example",
        "paper_size": Clinic.PaperSize.A4,
    },
]

USERS = [
    ("demo-pt", "Dana", "Price", "Riverside Physical Therapy", Membership.Role.CLINICIAN),
    ("demo-admin", "Alex", "Morgan", "Riverside Physical Therapy", Membership.Role.CLINIC_ADMIN),
    ("hillside-pt", "Priya", "Shah", "Hillside Sports Clinic", Membership.Role.CLINICIAN),
]

# The article's four patients, with invented details that fit their stories.
PATIENTS = [
    {
        "clinic": "Riverside Physical Therapy",
        "record_number": "RPT-1001",
        "given_name": "Sean",
        "family_name": "Gallagher",
        "date_of_birth": datetime.date(1987, 3, 14),
        "sex": Patient.Sex.MALE,
        "phone": "(217) 555-0181",
        "email": "sean.g@example.com",
        "occupation": "Accountant (desk-based, 8–9 h sitting a day)",
        "activity": "Five-a-side soccer, gym twice a week",
        "dominant_side": Patient.DominantSide.RIGHT,
        "notes": "Right buttock and back-of-thigh pain on and off for five years; "
        "SI joint dysfunction diagnosed elsewhere. Worse after long days at the desk.",
    },
    {
        "clinic": "Riverside Physical Therapy",
        "record_number": "RPT-1002",
        "given_name": "Craig",
        "family_name": "Donnelly",
        "date_of_birth": datetime.date(1972, 9, 2),
        "sex": Patient.Sex.MALE,
        "phone": "(217) 555-0193",
        "email": "craig.donnelly@example.com",
        "occupation": "Site supervisor (construction)",
        "activity": "Golf, weekend hiking",
        "dominant_side": Patient.DominantSide.RIGHT,
        "notes": "Left femur fracture fixed surgically in 1996 (motorbike accident); "
        "scar on the back of the left thigh. Ongoing low back pain with the hamstring pain.",
    },
    {
        "clinic": "Riverside Physical Therapy",
        "record_number": "RPT-1003",
        "given_name": "Brendan",
        "family_name": "Walsh",
        "date_of_birth": datetime.date(1993, 6, 21),
        "sex": Patient.Sex.MALE,
        "phone": "(217) 555-0127",
        "email": "bwalsh@example.com",
        "occupation": "Electrician",
        "activity": "CrossFit four times a week",
        "dominant_side": Patient.DominantSide.LEFT,
        "notes": "Recurrent right hamstring pulls; now also right upper back and "
        "shoulder pain that started after changing how he lifts to protect the leg.",
    },
    {
        "clinic": "Riverside Physical Therapy",
        "record_number": "RPT-1004",
        "given_name": "Eric",
        "family_name": "Lindqvist",
        "date_of_birth": datetime.date(1980, 11, 5),
        "sex": Patient.Sex.MALE,
        "phone": "(217) 555-0164",
        "email": "eric.lindqvist@example.com",
        "occupation": "Project manager (long meetings and commutes)",
        "activity": "Marathon running",
        "dominant_side": Patient.DominantSide.RIGHT,
        "notes": "Left back-of-thigh pain for over a year that keeps coming back with "
        "mileage; never had the underlying weakness addressed.",
    },
    {
        "clinic": "Hillside Sports Clinic",
        "record_number": "HSC-0001",
        "given_name": "Maya",
        "family_name": "Okafor",
        "date_of_birth": datetime.date(2001, 1, 30),
        "sex": Patient.Sex.FEMALE,
        "occupation": "Student",
        "activity": "Sprinting (200 m)",
        "dominant_side": Patient.DominantSide.RIGHT,
    },
    {
        "clinic": "Hillside Sports Clinic",
        "record_number": "HSC-0002",
        "given_name": "Tom",
        "family_name": "Reilly",
        "date_of_birth": datetime.date(1968, 7, 8),
        "sex": Patient.Sex.MALE,
        "occupation": "Taxi driver",
        "activity": "Walking",
        "dominant_side": Patient.DominantSide.LEFT,
    },
]


@transaction.atomic
def load_demo_clinics():
    """Create what is missing of the demo; return the usernames that can log in."""
    clinics = {}
    for data in CLINICS:
        fields = dict(data)
        clinics[data["name"]], _ = Clinic.objects.get_or_create(
            name=fields.pop("name"), defaults=fields
        )
    for username, first, last, clinic_name, role in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "is_staff": role == Membership.Role.CLINIC_ADMIN,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user, defaults={"clinic": clinics[clinic_name], "role": role}
        )
    for data in PATIENTS:
        fields = dict(data)
        clinic = clinics[fields.pop("clinic")]
        Patient.objects.get_or_create(
            clinic=clinic, record_number=fields.pop("record_number"), defaults=fields
        )
    return [username for username, *_ in USERS]
