"""A condition written as its own part of a bracket ("(T39.0-, with sixth character 1-4)")
belongs to every code in that bracket. Releases loaded before the loader knew this have those
references marked unconditioned; mark them as a fresh load would.

Self-contained on purpose: a migration must not import loader code that may change.
"""

import re

from django.db import migrations

GROUP = re.compile(r"\(([^()]*)\)")
PARTS = re.compile(r",|\band\b|\bor\b")


def mark_conditioned(apps, schema_editor):
    Note = apps.get_model("codesets", "Note")
    NoteReference = apps.get_model("codesets", "NoteReference")
    for note in Note.objects.filter(text__icontains=", with").only("id", "text").iterator():
        written = set()
        for group in GROUP.findall(note.text):
            parts = [p.strip() for p in PARTS.split(group)]
            if any(p.lower().startswith("with ") for p in parts):
                written.update(p for p in parts if p and not p.lower().startswith("with "))
        if written:
            NoteReference.objects.filter(note_id=note.pk, text__in=written, qualified=False).update(qualified=True)


class Migration(migrations.Migration):
    dependencies = [("codesets", "0003_searchword_documents")]

    operations = [migrations.RunPython(mark_conditioned, migrations.RunPython.noop)]
