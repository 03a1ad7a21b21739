from django.urls import path

from advies import views, views_detail, views_export

app_name = "advies"

urlpatterns = [
    path("aanbevelingen/", views.aanbevelingen, name="aanbevelingen"),
    path("aanbevelingen/<int:pk>/", views_detail.aanbeveling, name="aanbeveling"),
    path("aanbevelingen/export.<str:formaat>", views_export.export, name="export"),
    path("adviezen/<slug:slug>/", views_detail.advies, name="advies"),
]
