from django.db import migrations

# The five role groups (staff.roles.GROUP_NAMES), frozen here as migrations must be.
GROUP_NAMES = [
    "Site administrators",
    "Compact editors",
    "Borough editors",
    "Provider editors",
    "Board viewers",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in GROUP_NAMES:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=GROUP_NAMES, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("staff", "0001_staff_profile_and_publishing_policy"),
    ]

    operations = [migrations.RunPython(create_groups, delete_groups)]
