from django.urls import path

from reacties import views, views_bewerken, views_geschiedenis, views_sjablonen, views_werkstroom

app_name = "reacties"

urlpatterns = [
    path("", views.brief_lijst, name="lijst"),
    path("<int:pk>/", views.brief_detail, name="brief"),
    path("<int:pk>/pdf/", views.brief_pdf, name="pdf"),
    path("<int:pk>/geschiedenis/", views_geschiedenis.geschiedenis, name="geschiedenis"),
    path("<int:pk>/geschiedenis/verschil/", views_geschiedenis.verschil, name="verschil"),
    path("<int:pk>/geschiedenis/<int:nummer>/", views_geschiedenis.versie, name="versie"),
    path("<int:pk>/volledigheid/", views_werkstroom.volledigheid, name="volledigheid"),
    path("<int:pk>/naar-review/", views_werkstroom.naar_review, name="naar_review"),
    path("<int:pk>/goedkeuren/", views_werkstroom.goedkeuren, name="goedkeuren"),
    path("<int:pk>/terugsturen/", views_werkstroom.terugsturen, name="terugsturen"),
    path("<int:pk>/verzenden/", views_werkstroom.verzenden, name="verzenden"),
    path("<int:pk>/nieuwe-versie/", views_werkstroom.nieuwe_versie, name="nieuwe_versie"),
    # The letter editor: the page, and one small POST action per kind of change.
    path("<int:pk>/bewerken/", views_bewerken.bewerken, name="bewerken"),
    path("<int:pk>/bewerken/brief/", views_bewerken.brief_bewaren, name="bewerken_brief"),
    path(
        "<int:pk>/bewerken/sectie/", views_bewerken.sectie_toevoegen, name="bewerken_sectie_nieuw"
    ),
    path(
        "<int:pk>/bewerken/sectie/<int:sid>/", views_bewerken.sectie_bewaren, name="bewerken_sectie"
    ),
    path(
        "<int:pk>/bewerken/sectie/<int:sid>/omhoog/",
        views_bewerken.sectie_verplaatsen,
        {"richting": "omhoog"},
        name="bewerken_sectie_omhoog",
    ),
    path(
        "<int:pk>/bewerken/sectie/<int:sid>/omlaag/",
        views_bewerken.sectie_verplaatsen,
        {"richting": "omlaag"},
        name="bewerken_sectie_omlaag",
    ),
    path(
        "<int:pk>/bewerken/sectie/<int:sid>/verwijderen/",
        views_bewerken.sectie_verwijderen,
        name="bewerken_sectie_verwijderen",
    ),
    path(
        "<int:pk>/bewerken/reactie/",
        views_bewerken.reactie_toevoegen,
        name="bewerken_reactie_nieuw",
    ),
    path(
        "<int:pk>/bewerken/reactie/<int:rid>/",
        views_bewerken.reactie_bewaren,
        name="bewerken_reactie",
    ),
    path(
        "<int:pk>/bewerken/reactie/<int:rid>/sjabloon/",
        views_bewerken.reactie_uit_sjabloon,
        name="bewerken_reactie_sjabloon",
    ),
    path(
        "<int:pk>/bewerken/reactie/<int:rid>/koppelingen/",
        views_bewerken.koppelingen_bewaren,
        name="bewerken_koppelingen",
    ),
    path(
        "<int:pk>/bewerken/reactie/<int:rid>/toezegging/",
        views_bewerken.toezegging_toevoegen,
        name="bewerken_toezegging_nieuw",
    ),
    path(
        "<int:pk>/bewerken/reactie/<int:rid>/toezegging/<int:tid>/",
        views_bewerken.toezegging_bewaren,
        name="bewerken_toezegging",
    ),
    path(
        "<int:pk>/bewerken/voetnoot/",
        views_bewerken.voetnoot_toevoegen,
        name="bewerken_voetnoot_nieuw",
    ),
    path(
        "<int:pk>/bewerken/voetnoot/<int:nummer>/",
        views_bewerken.voetnoot_bewaren,
        name="bewerken_voetnoot",
    ),
    # Answer templates (Antwoordsjabloon).
    path("sjablonen/", views_sjablonen.sjablonen, name="sjablonen"),
    path("sjablonen/nieuw/", views_sjablonen.sjabloon_nieuw, name="sjabloon_nieuw"),
    path("sjablonen/<int:sid>/", views_sjablonen.sjabloon, name="sjabloon"),
    path(
        "sjablonen/<int:sid>/verwijderen/",
        views_sjablonen.sjabloon_verwijderen,
        name="sjabloon_verwijderen",
    ),
]
