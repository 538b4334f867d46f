from django.apps import AppConfig


class PatientsConfig(AppConfig):
    name = "patients"
    verbose_name = "Clinics and patients"

    def ready(self):
        from . import signals  # noqa: F401  (connects the security-log receivers)
