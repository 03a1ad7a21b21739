from django.apps import AppConfig


class AdviesConfig(AppConfig):
    name = "advies"
    verbose_name = "Adviezen"
