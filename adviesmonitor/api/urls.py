from django.urls import path, re_path

from adviesmonitor.api import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("adviezen/", views.adviezen, name="adviezen"),
    path("adviezen/<slug:slug>/", views.advies, name="advies"),
    path("aanbevelingen/", views.aanbevelingen, name="aanbevelingen"),
    path("aanbevelingen/<int:pk>/", views.aanbeveling, name="aanbeveling"),
    path("reacties/", views.reacties, name="reacties"),
    path("reacties/<int:pk>/", views.reactie, name="reactie"),
    path("programmas/", views.programmas, name="programmas"),
    path("programmas/<slug:slug>/", views.programma, name="programma"),
    path("toezeggingen/", views.toezeggingen, name="toezeggingen"),
    path("toezeggingen/<int:pk>/", views.toezegging, name="toezegging"),
    # Last: every other path under /api/ answers in JSON too (404, or on to its slash).
    re_path(r"^(?P<rest>.*)$", views.onbekend, name="onbekend"),
]
