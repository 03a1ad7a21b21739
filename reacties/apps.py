from django.apps import AppConfig


class ReactiesConfig(AppConfig):
    name = "reacties"
    verbose_name = "Reacties"
