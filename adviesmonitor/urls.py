from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Adviesmonitor"
admin.site.site_title = "Adviesmonitor"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="reacties:lijst", permanent=False), name="home"),
    path("inloggen/", auth_views.LoginView.as_view(), name="inloggen"),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="uitloggen"),
    path("brieven/", include("reacties.urls")),
    path("admin/", admin.site.urls),
]
