app_name = "debrief"
urlpatterns: list = []
