from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_it_recomputes_company_keys_with_the_current_normalisation(transactional_db):
    executor = MigrationExecutor(connection)
    executor.migrate([("pipeline", "0001_initial")])
    old_apps = executor.loader.project_state([("pipeline", "0001_initial")]).apps
    User = old_apps.get_model("auth", "User")
    Company = old_apps.get_model("pipeline", "Company")
    user = User.objects.create(username="sam")
    stale = Company.objects.create(user=user, name="Müller & Söhne GmbH & Co. KG", name_key="x")
    twin = Company.objects.create(user=user, name="The Müller & Söhne", name_key="y")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from onward.pipeline.models import Company as CurrentCompany

    keys = dict(CurrentCompany.objects.values_list("pk", "name_key"))
    assert keys[stale.pk] == "muller and sohne"
    assert keys[twin.pk] == "y"  # would clash with the first: left for the user to merge
