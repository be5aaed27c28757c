from django.urls import path

from . import views

app_name = "today"
urlpatterns = [
    path("today/", views.today, name="today"),
    path("routine/reviews/", views.review_list, name="review_list"),
    path("routine/reviews/week/", views.review_week, name="review_week"),
    path("routine/reviews/<int:review_id>/", views.review_detail, name="review_detail"),
]
