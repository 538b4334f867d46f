from django.db import migrations

# The article's five treatment sections; fixed, so they live in a migration, not a loader.
PILLARS = [
    (1, "Whole-body evaluation"),
    (2, "Manual therapy"),
    (3, "Strengthening the right areas"),
    (4, "Teaching better movement patterns"),
    (5, "Progression back to activities"),
]


def create_pillars(apps, schema_editor):
    pillar = apps.get_model("evaluations", "Pillar")
    for number, name in PILLARS:
        pillar.objects.update_or_create(number=number, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]

    operations = [migrations.RunPython(create_pillars, migrations.RunPython.noop)]
