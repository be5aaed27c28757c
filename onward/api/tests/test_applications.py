from onward.pipeline.models import Application, StageChange
from onward.testing import make_application, make_company, stage


def test_it_creates_an_application_and_records_its_first_stage(alice, alice_api):
    response = alice_api.post(
        "/api/applications",
        {
            "title": "Backend Engineer",
            "company_name": "Acme, Inc.",
            "salary_min": 60000,
            "salary_max": 70000,
            "salary_currency": "EUR",
            "source": "referral",
            "work_mode": "remote",
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["company"] == "Acme, Inc."
    assert body["stage"] == "Applied"
    application = Application.objects.get(pk=body["id"], user=alice)
    history = list(application.stage_changes.all())
    assert len(history) == 1
    assert history[0].from_stage is None
    assert history[0].to_stage == stage(alice, "Applied")


def test_it_creates_in_the_given_stage_and_reuses_a_known_company(alice, alice_api):
    company = make_company(alice, "Acme")
    wishlist = stage(alice, "Wishlist")

    response = alice_api.post(
        "/api/applications",
        {"title": "SRE", "company_name": "ACME Ltd", "stage_id": wishlist.pk},
    )

    assert response.status_code == 201
    assert response.json()["company_id"] == company.pk
    assert response.json()["stage_id"] == wishlist.pk


def test_it_creates_with_a_company_id(alice, alice_api):
    company = make_company(alice, "Globex")

    response = alice_api.post("/api/applications", {"title": "SRE", "company_id": company.pk})

    assert response.status_code == 201
    assert response.json()["company"] == "Globex"


def test_it_lists_only_the_users_applications_a_page_at_a_time(alice, bob, alice_api):
    for _ in range(3):
        make_application(alice)
    make_application(bob)

    first = alice_api.get("/api/applications", {"page_size": 2}).json()
    second = alice_api.get("/api/applications", {"page_size": 2, "page": 2}).json()

    assert first["count"] == 3
    assert len(first["items"]) == 2
    assert len(second["items"]) == 1
    ids = {item["id"] for item in first["items"] + second["items"]}
    assert ids == set(Application.objects.for_user(alice).values_list("pk", flat=True))


def test_it_filters_by_stage_company_and_source(alice, alice_api):
    acme = make_company(alice, "Acme")
    wanted = make_application(alice, "Screening", company=acme, source="referral")
    make_application(alice, "Screening", company=acme, source="job_board")
    make_application(alice, "Applied", company=acme, source="referral")
    make_application(alice, "Screening", source="referral")

    response = alice_api.get(
        "/api/applications",
        {"stage": stage(alice, "Screening").pk, "company": acme.pk, "source": "referral"},
    )

    assert [item["id"] for item in response.json()["items"]] == [wanted.pk]


def test_it_shows_one_application(alice, alice_api):
    application = make_application(alice, title="Data Engineer")

    response = alice_api.get(f"/api/applications/{application.pk}")

    assert response.status_code == 200
    assert response.json()["title"] == "Data Engineer"


def test_it_updates_only_the_fields_sent(alice, alice_api):
    application = make_application(alice, title="Data Engineer", location="Berlin")

    response = alice_api.patch(
        f"/api/applications/{application.pk}", {"title": "Senior Data Engineer"}
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.title == "Senior Data Engineer"
    assert application.location == "Berlin"


def test_it_does_not_change_the_stage_through_patch(alice, alice_api):
    application = make_application(alice, "Applied")

    response = alice_api.patch(
        f"/api/applications/{application.pk}", {"stage_id": stage(alice, "Offer").pk}
    )

    assert response.status_code == 422
    application.refresh_from_db()
    assert application.stage.name == "Applied"


def test_it_moves_an_application_to_another_company_of_the_user(alice, alice_api):
    application = make_application(alice)
    other = make_company(alice, "Initech")

    response = alice_api.patch(f"/api/applications/{application.pk}", {"company_id": other.pk})

    assert response.status_code == 200
    assert response.json()["company"] == "Initech"


def test_it_deletes_an_application_with_its_history(alice, alice_api):
    application = make_application(alice)

    response = alice_api.delete(f"/api/applications/{application.pk}")

    assert response.status_code == 204
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not StageChange.objects.filter(application_id=application.pk).exists()
