from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save


class EvaluationsConfig(AppConfig):
    name = "evaluations"
    verbose_name = "Evaluations"

    def ready(self):
        from .library import library_changed
        from .models import Exercise, Ladder, LadderLevel, Pathway, Pillar
        from .services.audit import register_audited_models

        register_audited_models()

        # The engine's library is cached per process; any write to its rows drops it.
        for model in (Exercise, Pathway, Pillar, Ladder, LadderLevel):
            post_save.connect(library_changed, sender=model)
            post_delete.connect(library_changed, sender=model)
        for through in (Exercise.pillars.through, Exercise.pathways.through):
            m2m_changed.connect(library_changed, sender=through)
