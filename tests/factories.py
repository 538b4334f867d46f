"""factory_boy factories for the test suite; later issues add evaluation factories here."""

import datetime

import factory

from patients.models import Clinic, Membership, Patient, User

TEST_PASSWORD = "correct-horse-battery-42"


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Clinic

    name = factory.Sequence(lambda n: f"Clinic {n}")
    address = "1 Test Street\nTestville"
    phone = factory.Sequence(lambda n: f"555-01{n:02d}")
    email = factory.Sequence(lambda n: f"clinic{n}@example.com")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def save_password(user, create, extracted, **kwargs):
        if create:
            user.save(update_fields=["password"])


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    clinic = factory.SubFactory(ClinicFactory)
    role = Membership.Role.CLINICIAN


class PatientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Patient

    clinic = factory.SubFactory(ClinicFactory)
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    date_of_birth = factory.Faker(
        "date_between", start_date=datetime.date(1940, 1, 1), end_date=datetime.date(2008, 1, 1)
    )
    sex = Patient.Sex.FEMALE
    record_number = factory.Sequence(lambda n: f"MRN-{n:05d}")


def make_clinician(clinic, username, role=Membership.Role.CLINICIAN):
    user = UserFactory(username=username)
    MembershipFactory(user=user, clinic=clinic, role=role)
    return user


def make_evaluation(patient, clinician, **fields):
    """A draft evaluation with all its sections, as the app starts one."""
    from evaluations.services import start_evaluation

    evaluation = start_evaluation(patient=patient, clinician=clinician)
    for name, value in fields.items():
        setattr(evaluation, name, value)
    if fields:
        evaluation.save()
    return evaluation


def answer_red_flags_negative(evaluation):
    """Every red-flag question asked and answered no: what signing requires at the least."""
    from evaluations.services.signing import unanswered_red_flags

    screen = evaluation.red_flags
    for field in unanswered_red_flags(evaluation):
        setattr(screen, field.attname, "no")
    screen.save()
    return evaluation
