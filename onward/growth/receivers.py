"""Growth listens to the pipeline: an application saved with a description has its asked-for
skills read again (the pipeline knows nothing of growth)."""


def read_posting_skills(sender, instance, created, update_fields=None, raw=False, **kwargs):
    if raw:
        return  # loading fixtures or a backup: the backfill command reads them afterwards
    if update_fields is not None and "description" not in update_fields:
        return  # a stage move or another partial save: the description is unchanged
    from .models import PostingSkill

    if created and not instance.description:
        return
    PostingSkill.refresh(instance)
