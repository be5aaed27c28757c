"""The free-text "résumé version" of each application becomes a résumé in the user's library
(one per distinct label, with no file) attached to the applications that named it, so the
insights' breakdown by résumé reads attached documents from now on. The labels are kept."""

from django.db import migrations


def labels_to_documents(apps, schema_editor):
    Application = apps.get_model("pipeline", "Application")
    Document = apps.get_model("documents", "Document")
    DocumentLink = apps.get_model("documents", "DocumentLink")
    rows = (
        Application.objects.exclude(resume_version="")
        .order_by("user_id", "pk")
        .values_list("pk", "user_id", "resume_version")
    )
    documents = {}
    for application_id, user_id, label in rows.iterator():
        name = " ".join(label.split())[:100]
        if not name:
            continue
        key = (user_id, name)
        if key not in documents:
            documents[key], _ = Document.objects.get_or_create(
                user_id=user_id, kind="resume", name=name, version=""
            )
        DocumentLink.objects.get_or_create(
            application_id=application_id, document=documents[key]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_document_library"),
        ("pipeline", "0005_posting_fields"),
    ]

    operations = [migrations.RunPython(labels_to_documents, migrations.RunPython.noop)]
