from django.urls import path

from programmas import views

app_name = "programmas"

urlpatterns = [
    path("", views.programma_lijst, name="lijst"),
    path("<slug:slug>/", views.programma_detail, name="programma"),
]
