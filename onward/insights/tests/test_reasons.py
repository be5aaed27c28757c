from django.urls import reverse

from onward.debrief.models import Debrief, Lesson


def test_it_counts_rejection_reasons_and_lessons_by_stage_reached(alice_client, alice, search):
    # Rejections opened debriefs through the debrief app's receiver; give them reasons.
    a6 = Debrief.objects.get(application=search["a6"])
    a6.reason_category = "skills_gap"
    a6.stage_reached = "final"
    a6.save()
    a5 = Debrief.objects.get(application=search["a5"])
    a5.reason_category = "experience"
    a5.feedback_category = "skills_gap"  # feedback received wins over the reason given
    a5.stage_reached = "screen"
    a5.save()
    Lesson.objects.create(
        user=alice, debrief=a6, text="Prepare a system design story", category="examples",
        stage="final",
    )  # fmt: skip
    response = alice_client.get(reverse("insights:index"), {"section": "reasons"})
    reasons = response.context["reasons"]
    skills = next(row for row in reasons.rows if row["category"] == "skills_gap")
    assert skills["cells"] == [0, 1, 0, 1] and skills["total"] == 2
    lessons = response.context["lessons_table"]
    assert lessons.rows[0]["cells"] == [0, 0, 0, 1]
    assert "Prepare a system design story" in response.content.decode()


def test_it_leaves_dismissed_debriefs_out(alice_client, alice, search):
    debrief = Debrief.objects.get(application=search["a6"])
    debrief.reason_category = "skills_gap"
    debrief.save()
    debrief.dismiss()
    reasons = alice_client.get(reverse("insights:index"), {"section": "reasons"}).context["reasons"]
    assert all(row["category"] != "skills_gap" for row in reasons.rows)
