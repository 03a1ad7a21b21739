from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from adviesmonitor.gezondheid import gezondheid
from reacties import views_analyse

admin.site.site_header = "Adviesmonitor"
admin.site.site_title = "Adviesmonitor"
admin.site.index_title = "Beheer"

urlpatterns = [
    path(
        "", RedirectView.as_view(pattern_name="advies:aanbevelingen", permanent=False), name="home"
    ),
    path("inloggen/", auth_views.LoginView.as_view(), name="inloggen"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="uitloggen"),
    path("brieven/", include("reacties.urls")),
    path("", include("advies.urls")),
    path("programmas/", include("programmas.urls")),
    path("dashboard/", views_analyse.dashboard, name="dashboard"),
    path("rappel/", views_analyse.rappel, name="rappel"),
    # The read-only open-data API (docs/api.md).
    path("api/", include("adviesmonitor.api.urls")),
    path("admin/", admin.site.urls),
    path("gezondheid/", gezondheid, name="gezondheid"),
]
