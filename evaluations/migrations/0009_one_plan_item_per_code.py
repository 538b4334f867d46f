"""One plan item per code and note. Concurrent "add exercise" / "make plan" submits could
store copies before the row lock; drafts lose their later copies (identical by construction),
and a signed note holding copies stops the migration, since a signed note never changes."""

from django.db import migrations, models
from django.db.models import Count, Min

SIGNED_DUPLICATES = (
    "Signed notes {ids} hold the same plan item twice; a signed note cannot change. "
    "Resolve with the clinic before adding the one_plan_item_per_code constraint."
)


def drop_draft_duplicates(apps, schema_editor):
    PlanItem = apps.get_model("evaluations", "PlanItem")
    groups = (
        PlanItem.objects.exclude(code="")
        .values("evaluation_id", "evaluation__status", "code")
        .annotate(copies=Count("id"), first=Min("id"))
        .filter(copies__gt=1)
    )
    signed = sorted({g["evaluation_id"] for g in groups if g["evaluation__status"] == "signed"})
    if signed:
        raise RuntimeError(SIGNED_DUPLICATES.format(ids=signed))
    for group in groups:
        PlanItem.objects.filter(
            evaluation_id=group["evaluation_id"], code=group["code"], id__gt=group["first"]
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0008_gate_criteria_met_or_not_met")]

    operations = [
        migrations.RunPython(drop_draft_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="planitem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("code", ""), _negated=True),
                fields=("evaluation", "code"),
                name="one_plan_item_per_code",
            ),
        ),
    ]
