from django.urls import include, path

from onward.api.api import api
from onward.core import pwa
from onward.today import views as today_views

urlpatterns = [
    path("", today_views.home, name="home"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("offline/", pwa.offline, name="offline"),
    path("", include("onward.today.urls")),
    path("", include("onward.accounts.urls")),
    path("", include("onward.pipeline.urls")),
    path("", include("onward.network.urls")),
    path("", include("onward.core.reminders.urls")),
    path("", include("onward.debrief.urls")),
    path("", include("onward.insights.urls")),
    path("", include("onward.strategy.urls")),
    path("", include("onward.routine.urls")),
    path("", include("onward.wellbeing.urls")),
    path("", include("onward.growth.urls")),
    path("", include("onward.documents.urls")),
    path("", include("onward.coaching.urls")),
    path("", include("onward.inbox.urls")),
    path("", include("onward.portability.urls")),
    path("", include("onward.assistant.urls")),
    path("api/", api.urls),
]

# A busy database answers 503 with Retry-After instead of a 500 (see the function).
handler500 = "onward.core.http.server_error"
