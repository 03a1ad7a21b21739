from django.urls import path

from reacties import views

app_name = "reacties"

urlpatterns = [
    path("", views.brief_lijst, name="lijst"),
    path("<int:pk>/", views.brief_detail, name="brief"),
    path("<int:pk>/pdf/", views.brief_pdf, name="pdf"),
]
