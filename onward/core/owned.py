"""Ownership: every job-search object belongs to one user, and every query says whose."""

from django.db import models


class OwnedQuerySet(models.QuerySet):
    """Views, the API and the CLI only ever see the owner's rows: ``Model.objects.for_user(u)``.

    A model owned through a parent sets ``owner_field`` (e.g. ``"application__user"``)."""

    owner_field = "user"

    def for_user(self, user):
        return self.filter(**{self.owner_field: user})
