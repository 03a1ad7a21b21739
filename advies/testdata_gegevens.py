"""The words and reference data that ``advies.testdata`` composes test data from.

Reference data is written in the shape of the exchange format's reference lists
(docs/uitwisselformaat.md), so it merges with the example letter's lists by natural key:
where the example holds a record, the example's version is used.

Texts are built from themes. Each theme has noun phrases that fit the verb templates below
("Investeer in {np}."), with the theme's word in several inflections (buurt, buurten), so
that a full-text search for a theme finds a few percent of the rows.
"""

from __future__ import annotations

from dataclasses import dataclass

# --- reference data ------------------------------------------------------------------------

# Councils: (afkorting, naam, article and short name in running text, website).
RADEN = (
    ("RVS", "Raad voor Volksgezondheid en Samenleving", "de", "RVS", "www.raadrvs.nl"),
    ("CRa", "College van Rijksadviseurs", "het", "CRa", "www.collegevanrijksadviseurs.nl"),
    ("RvS", "Raad van State (Afdeling advisering)", "de", "Raad van State", "www.raadvanstate.nl"),
    ("Rob", "Raad voor het Openbaar Bestuur", "de", "Rob", "www.raadopenbaarbestuur.nl"),
    ("WRR", "Wetenschappelijke Raad voor het Regeringsbeleid", "de", "WRR", "www.wrr.nl"),
    ("SER", "Sociaal-Economische Raad", "de", "SER", "www.ser.nl"),
    ("Rli", "Raad voor de leefomgeving en infrastructuur", "de", "Rli", "www.rli.nl"),
    ("AWTI", "Adviesraad voor wetenschap, technologie en innovatie", "de", "AWTI", "www.awti.nl"),
    ("Onderwijsraad", "Onderwijsraad", "de", "Onderwijsraad", "www.onderwijsraad.nl"),
    ("GR", "Gezondheidsraad", "de", "Gezondheidsraad", "www.gezondheidsraad.nl"),
    ("RvC", "Raad voor Cultuur", "de", "Raad voor Cultuur", "www.raadvoorcultuur.nl"),
    (
        "AIV",
        "Adviesraad Internationale Vraagstukken",
        "de",
        "AIV",
        "www.adviesraadinternationalevraagstukken.nl",
    ),
)

# Levels: seeded by advies/migrations/0002_bestuurslagen.py; created here only if missing.
# (slug, naam, plural used in running text)
BESTUURSLAGEN = (
    ("rijk", "Rijk", "het Rijk"),
    ("provincie", "provincie", "provincies"),
    ("gemeente", "gemeente", "gemeenten"),
    ("waterschap", "waterschap", "waterschappen"),
    ("woningcorporatie", "woningcorporatie", "woningcorporaties"),
    ("zorgorganisatie", "zorgorganisatie", "zorgorganisaties"),
    (
        "maatschappelijke-organisatie",
        "maatschappelijke organisatie",
        "maatschappelijke organisaties",
    ),
    ("bewoners", "bewoners", "bewoners"),
)

# How often a level is the first level of a recommendation in the main group (Rijk most).
LAAG_GEWICHTEN = {
    "rijk": 100,
    "gemeente": 14,
    "provincie": 5,
    "woningcorporatie": 4,
    "zorgorganisatie": 4,
    "waterschap": 3,
    "maatschappelijke-organisatie": 6,
    "bewoners": 4,
}

# A report's second group of recommendations is numbered with a letter, as in the example
# (G1, W1, Z1): level → (prefix, heading of the letter's section).
GROEPEN = {
    "gemeente": ("G", "Adviezen aan gemeenten"),
    "provincie": ("P", "Adviezen aan provincies"),
    "woningcorporatie": ("W", "Adviezen aan woningcorporaties"),
    "zorgorganisatie": ("Z", "Adviezen aan zorgorganisaties"),
    "waterschap": ("WS", "Adviezen aan waterschappen"),
    "maatschappelijke-organisatie": ("M", "Adviezen aan maatschappelijke organisaties"),
}

_DEN_HAAG = "www.rijksoverheid.nl"
MINISTERIES = (
    {
        "afkorting": "BZK",
        "naam": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "bezoekadres": "Turfmarkt 147\n2511 DP Den Haag",
        "postadres": "Postbus 20011\n2500 EA Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "VWS",
        "naam": "Ministerie van Volksgezondheid, Welzijn en Sport",
        "bezoekadres": "Parnassusplein 5\n2511 VX Den Haag",
        "postadres": "Postbus 20350\n2500 EJ Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "SZW",
        "naam": "Ministerie van Sociale Zaken en Werkgelegenheid",
        "bezoekadres": "Parnassusplein 5\n2511 VX Den Haag",
        "postadres": "Postbus 90801\n2509 LV Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "IenW",
        "naam": "Ministerie van Infrastructuur en Waterstaat",
        "bezoekadres": "Rijnstraat 8\n2515 XP Den Haag",
        "postadres": "Postbus 20901\n2500 EX Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "OCW",
        "naam": "Ministerie van Onderwijs, Cultuur en Wetenschap",
        "bezoekadres": "Rijnstraat 50\n2515 XP Den Haag",
        "postadres": "Postbus 16375\n2500 BJ Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "EZK",
        "naam": "Ministerie van Economische Zaken en Klimaat",
        "bezoekadres": "Bezuidenhoutseweg 73\n2594 AC Den Haag",
        "postadres": "Postbus 20401\n2500 EK Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "LNV",
        "naam": "Ministerie van Landbouw, Natuur en Voedselkwaliteit",
        "bezoekadres": "Bezuidenhoutseweg 73\n2594 AC Den Haag",
        "postadres": "Postbus 20401\n2500 EK Den Haag",
        "website": _DEN_HAAG,
    },
    {
        "afkorting": "VRO",
        "naam": "Ministerie van Volkshuisvesting en Ruimtelijke Ordening",
        "bezoekadres": "Turfmarkt 147\n2511 DP Den Haag",
        "postadres": "Postbus 20011\n2500 EA Den Haag",
        "website": _DEN_HAAG,
    },
)


def _ambtsdrager(sleutel, titel, naam, ministerie, begin, einde=None) -> dict:
    return {
        "sleutel": sleutel,
        "titel": titel,
        "naam": naam,
        "ministerie": ministerie,
        "begin": begin,
        "einde": einde,
    }


_RUTTE_II = ("2012-11-05", "2017-10-26")
_RUTTE_III = ("2017-10-26", "2022-01-10")
_RUTTE_IV = ("2022-01-10", "2024-07-02")
_SCHOOF = ("2024-07-02", None)

AMBTSDRAGERS = (
    _ambtsdrager(
        "minister-bzk-rutte-ii",
        "minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "R.H.A. Plasterk",
        "BZK",
        *_RUTTE_II,
    ),
    _ambtsdrager(
        "minister-vws-rutte-ii",
        "minister van Volksgezondheid, Welzijn en Sport",
        "E.I. Schippers",
        "VWS",
        *_RUTTE_II,
    ),
    _ambtsdrager(
        "minister-szw-rutte-ii",
        "minister van Sociale Zaken en Werkgelegenheid",
        "L.F. Asscher",
        "SZW",
        *_RUTTE_II,
    ),
    _ambtsdrager(
        "minister-bzk-rutte-iii",
        "minister van Binnenlandse Zaken en Koninkrijksrelaties",
        "K.H. Ollongren",
        "BZK",
        *_RUTTE_III,
    ),
    _ambtsdrager(
        "minister-vws-rutte-iii",
        "minister van Volksgezondheid, Welzijn en Sport",
        "H.M. de Jonge",
        "VWS",
        *_RUTTE_III,
    ),
    _ambtsdrager(
        "minister-szw-rutte-iii",
        "minister van Sociale Zaken en Werkgelegenheid",
        "W. Koolmees",
        "SZW",
        *_RUTTE_III,
    ),
    _ambtsdrager(
        "minister-ocw-rutte-iii",
        "minister van Onderwijs, Cultuur en Wetenschap",
        "I.K. van Engelshoven",
        "OCW",
        *_RUTTE_III,
    ),
    _ambtsdrager(
        "minister-lnv-rutte-iii",
        "minister van Landbouw, Natuur en Voedselkwaliteit",
        "C.J. Schouten",
        "LNV",
        *_RUTTE_III,
    ),
    _ambtsdrager(
        "minister-vro-rutte-iv",
        "minister voor Volkshuisvesting en Ruimtelijke Ordening",
        "H.M. de Jonge",
        "BZK",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-lzs-rutte-iv",
        "minister voor Langdurige Zorg en Sport",
        "C. Helder",
        "VWS",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "staatssecretaris-vws-rutte-iv",
        "staatssecretaris van Volksgezondheid, Welzijn en Sport",
        "M. van Ooijen",
        "VWS",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-kl-rutte-iv",
        "minister voor Klimaat en Energie",
        "R.A.A. Jetten",
        "EZK",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-nn-rutte-iv",
        "minister voor Natuur en Stikstof",
        "C. van der Wal-Zeggelink",
        "LNV",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-ienw-rutte-iv",
        "minister van Infrastructuur en Waterstaat",
        "M.G.J. Harbers",
        "IenW",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-szw-rutte-iv",
        "minister van Sociale Zaken en Werkgelegenheid",
        "C.E.G. van Gennip",
        "SZW",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-ocw-rutte-iv",
        "minister van Onderwijs, Cultuur en Wetenschap",
        "R.H.A. Dijkgraaf",
        "OCW",
        *_RUTTE_IV,
    ),
    _ambtsdrager(
        "minister-vro-schoof",
        "minister van Volkshuisvesting en Ruimtelijke Ordening",
        "M.C.G. Keijzer",
        "VRO",
        *_SCHOOF,
    ),
    _ambtsdrager(
        "minister-lvvn-schoof",
        "minister van Landbouw, Visserij, Voedselzekerheid en Natuur",
        "F.M. Wiersma",
        "LNV",
        *_SCHOOF,
    ),
    _ambtsdrager(
        "staatssecretaris-jps-schoof",
        "staatssecretaris Jeugd, Preventie en Sport",
        "V.P.G. Karremans",
        "VWS",
        *_SCHOOF,
    ),
)


def _organisatie(sleutel: str, naam: str, soort: str, afkorting: str = "") -> dict:
    return {"sleutel": sleutel, "naam": naam, "afkorting": afkorting, "soort": soort, "url": ""}


ORGANISATIES = (
    _organisatie("vng", "Vereniging van Nederlandse Gemeenten", "koepel", "VNG"),
    _organisatie("ipo", "Interprovinciaal Overleg", "koepel", "IPO"),
    _organisatie("unie-van-waterschappen", "Unie van Waterschappen", "koepel", "UvW"),
    _organisatie("aedes", "Aedes vereniging van woningcorporaties", "koepel", "Aedes"),
    _organisatie("actiz", "ActiZ", "koepel"),
    _organisatie("zorgverzekeraars-nederland", "Zorgverzekeraars Nederland", "koepel", "ZN"),
    _organisatie("divosa", "Divosa", "koepel"),
    _organisatie("netbeheer-nederland", "Netbeheer Nederland", "koepel"),
    _organisatie("po-raad", "PO-Raad", "koepel"),
    _organisatie("lsa", "Landelijk Samenwerkingsverband Actieve bewoners", "koepel", "LSA"),
    _organisatie("ggd", "GGD’en", "overheid", "GGD"),
    _organisatie("rijksbouwmeester", "Rijksbouwmeester", "overheid"),
    _organisatie("deltacommissaris", "Deltacommissaris", "overheid"),
    _organisatie("autoriteit-persoonsgegevens", "Autoriteit Persoonsgegevens", "overheid", "AP"),
    _organisatie("nationale-ombudsman", "Nationale ombudsman", "overheid"),
    _organisatie(
        "expertteam-huisvesting-aandachtsgroepen",
        "Expertteam Huisvesting Aandachtsgroepen",
        "overheid",
    ),
    _organisatie("rijksvastgoedbedrijf", "Rijksvastgoedbedrijf", "uitvoering", "RVB"),
    _organisatie("rijkswaterstaat", "Rijkswaterstaat", "uitvoering", "RWS"),
    _organisatie("rvo", "Rijksdienst voor Ondernemend Nederland", "uitvoering", "RVO"),
    _organisatie("uwv", "Uitvoeringsinstituut Werknemersverzekeringen", "uitvoering", "UWV"),
    _organisatie("duo", "Dienst Uitvoering Onderwijs", "uitvoering", "DUO"),
    _organisatie("logius", "Logius", "uitvoering"),
    _organisatie("prorail", "ProRail", "uitvoering"),
    _organisatie("rivm", "Rijksinstituut voor Volksgezondheid en Milieu", "kennis", "RIVM"),
    _organisatie("platform31", "Platform31", "kennis", "P31"),
    _organisatie("movisie", "Movisie", "kennis"),
    _organisatie("pharos", "Pharos", "kennis"),
    _organisatie("trimbos-instituut", "Trimbos-instituut", "kennis"),
    _organisatie("scp", "Sociaal en Cultureel Planbureau", "kennis", "SCP"),
    _organisatie("pbl", "Planbureau voor de Leefomgeving", "kennis", "PBL"),
    _organisatie("cbs", "Centraal Bureau voor de Statistiek", "kennis", "CBS"),
    _organisatie("kennisnet", "Kennisnet", "kennis"),
    _organisatie("tno", "TNO", "kennis"),
    _organisatie("omring", "Omring", "zorg"),
    _organisatie("de-woonschakel", "De Woonschakel", "corporatie"),
)

# How running text names an organisation (with its article); others go by their name.
ORGANISATIES_IN_TEKST = {
    "vng": "de VNG",
    "ipo": "het IPO",
    "unie-van-waterschappen": "de Unie van Waterschappen",
    "po-raad": "de PO-Raad",
    "lsa": "het LSA",
    "ggd": "de GGD’en",
    "rijksbouwmeester": "de Rijksbouwmeester",
    "deltacommissaris": "de Deltacommissaris",
    "autoriteit-persoonsgegevens": "de Autoriteit Persoonsgegevens",
    "nationale-ombudsman": "de Nationale ombudsman",
    "expertteam-huisvesting-aandachtsgroepen": "het Expertteam Huisvesting Aandachtsgroepen",
    "rijksvastgoedbedrijf": "het Rijksvastgoedbedrijf",
    "rvo": "RVO",
    "uwv": "het UWV",
    "duo": "DUO",
    "rivm": "het RIVM",
    "trimbos-instituut": "het Trimbos-instituut",
    "scp": "het SCP",
    "pbl": "het PBL",
    "cbs": "het CBS",
    "ministerie-ienw": "het ministerie van IenW",
}


def _programma(slug, naam, soort, eigenaar=None, uitvoerder=None, beschrijving="", onderdelen=()):
    return {
        "slug": slug,
        "naam": naam,
        "soort": soort,
        "eigenaar": eigenaar,
        "uitvoerder": uitvoerder,
        "beschrijving": beschrijving,
        "url": "",
        "onderdelen": [
            {"sleutel": sleutel, "naam": onderdeelnaam, "bovenliggend": ouder, "beschrijving": ""}
            for sleutel, onderdeelnaam, ouder in onderdelen
        ],
    }


# Programme slugs of the example letter are reused; the example's own version of these
# records wins when it holds them (see ``advies.testdata.referentielijsten``).
PROGRAMMAS = (
    # The example's programmes.
    _programma("besluit-kwaliteit-leefomgeving", "Besluit Kwaliteit Leefomgeving", "regeling"),
    _programma(
        "een-tegen-eenzaamheid",
        "Programma Een tegen Eenzaamheid",
        "programma",
        "minister-lzs-rutte-iv",
    ),
    _programma(
        "gezond-en-actief-leven-akkoord",
        "Gezond en Actief Leven Akkoord",
        "akkoord",
        "staatssecretaris-vws-rutte-iv",
    ),
    _programma("gezondheidsmonitor", "Gezondheidsmonitor", "monitor", uitvoerder="ggd"),
    _programma(
        "mooi-nederland",
        "Mooi Nederland",
        "programma",
        "minister-vro-rutte-iv",
        onderdelen=[
            ("leefbare-steden", "Leefbare Steden en regio’s", None),
            ("groen-en-gezond-leven", "Groen en gezond leven in de stad", "leefbare-steden"),
            ("woonwijken-van-de-toekomst", "Woonwijken van de toekomst", "leefbare-steden"),
        ],
    ),
    _programma("nationale-omgevingsvisie", "Nationale Omgevingsvisie", "beleidsdocument"),
    _programma("nota-ruimte", "Nota Ruimte", "beleidsdocument"),
    _programma(
        "ontwerpend-onderzoek-sociale-leefomgeving",
        "Ontwerpend onderzoek sociale leefomgeving",
        "onderzoek",
        uitvoerder="platform31",
    ),
    _programma("smap-model", "SMAP-model", "onderzoek", uitvoerder="rivm"),
    _programma("sociale-basis", "Sociale Basis", "programma", "staatssecretaris-vws-rutte-iv"),
    _programma(
        "stimuleringsregeling-ontmoetingsruimten-ouderenhuisvesting",
        "Stimuleringsregeling Ontmoetingsruimten in Ouderenhuisvesting",
        "regeling",
        "minister-vro-rutte-iv",
    ),
    _programma(
        "wetsvoorstel-versterking-regie-volkshuisvesting",
        "Wetsvoorstel Versterking regie volkshuisvesting",
        "wet",
        "minister-vro-rutte-iv",
    ),
    _programma(
        "wonen-en-zorg-voor-ouderen",
        "Programma Wonen en Zorg voor Ouderen",
        "programma",
        "minister-vro-rutte-iv",
    ),
    _programma("woon-onderzoek", "WoON-onderzoek", "onderzoek"),
    # Further realistic programmes and instruments.
    _programma(
        "wmo-2015", "Wet maatschappelijke ondersteuning 2015", "wet", "minister-vws-rutte-ii"
    ),
    _programma(
        "leefbaarheid-en-veiligheid",
        "Nationaal Programma Leefbaarheid en Veiligheid",
        "programma",
        "minister-vro-rutte-iv",
        beschrijving="Een langjarige aanpak van twintig stedelijke focusgebieden.",
        onderdelen=[
            ("focusgebieden", "Twintig focusgebieden", None),
            ("kansengelijkheid", "Kansengelijkheid en jeugd", "focusgebieden"),
            ("wonen-en-leefomgeving", "Wonen en leefomgeving", "focusgebieden"),
            ("veiligheid", "Veiligheid", "focusgebieden"),
        ],
    ),
    _programma(
        "volkshuisvestingsfonds",
        "Volkshuisvestingsfonds",
        "regeling",
        "minister-bzk-rutte-iii",
        "rvo",
    ),
    _programma(
        "nationale-woon-en-bouwagenda",
        "Nationale Woon- en Bouwagenda",
        "programma",
        "minister-vro-rutte-iv",
        onderdelen=[
            ("woningbouw", "Programma Woningbouw", None),
            ("versnelling", "Versnelling processen en procedures", "woningbouw"),
            ("betaalbaar-wonen", "Programma Betaalbaar wonen", None),
        ],
    ),
    _programma(
        "een-thuis-voor-iedereen",
        "Programma Een thuis voor iedereen",
        "programma",
        "minister-vro-rutte-iv",
    ),
    _programma(
        "deltaprogramma-ruimtelijke-adaptatie",
        "Deltaprogramma Ruimtelijke Adaptatie",
        "programma",
        "minister-ienw-rutte-iv",
        "deltacommissaris",
        onderdelen=[
            ("stresstesten", "Stresstesten en risicodialogen", None),
            ("hitte", "Aanpak hitte", None),
            ("water-en-bodem-sturend", "Water en bodem sturend", None),
        ],
    ),
    _programma("omgevingswet", "Omgevingswet", "wet", "minister-bzk-rutte-iii"),
    _programma(
        "nationaal-programma-landelijk-gebied",
        "Nationaal Programma Landelijk Gebied",
        "programma",
        "minister-nn-rutte-iv",
        "rvo",
        onderdelen=[
            ("stikstofreductie", "Stikstofreductie", None),
            ("natuurherstel", "Natuurherstel", None),
            ("waterkwaliteit", "Water- en bodemkwaliteit", None),
        ],
    ),
    _programma(
        "wet-stikstofreductie-en-natuurverbetering",
        "Wet stikstofreductie en natuurverbetering",
        "wet",
        "minister-lnv-rutte-iii",
    ),
    _programma(
        "integraal-zorgakkoord",
        "Integraal Zorgakkoord",
        "akkoord",
        onderdelen=[
            ("passende-zorg", "Passende zorg", None),
            ("regionale-samenwerking", "Regionale samenwerking", None),
            ("digitale-zorg", "Digitale en hybride zorg", None),
            ("arbeidsmarkt-zorg", "Arbeidsmarkt en werkplezier", None),
        ],
    ),
    _programma(
        "hervormingsagenda-jeugd",
        "Hervormingsagenda Jeugd",
        "akkoord",
        "staatssecretaris-vws-rutte-iv",
    ),
    _programma(
        "nationaal-preventieakkoord",
        "Nationaal Preventieakkoord",
        "akkoord",
        onderdelen=[
            ("roken", "Roken", None),
            ("overgewicht", "Overgewicht", None),
            ("alcohol", "Problematisch alcoholgebruik", None),
        ],
    ),
    _programma(
        "staat-van-volksgezondheid-en-zorg",
        "Staat van Volksgezondheid en Zorg",
        "monitor",
        uitvoerder="rivm",
    ),
    _programma("schone-lucht-akkoord", "Schone Lucht Akkoord", "akkoord", "minister-ienw-rutte-iv"),
    _programma(
        "aanpak-geldzorgen-armoede-en-schulden",
        "Aanpak geldzorgen, armoede en schulden",
        "programma",
        "minister-szw-rutte-iv",
        onderdelen=[
            ("kinderarmoede", "Halvering kinderarmoede", None),
            ("vroegsignalering", "Vroegsignalering van schulden", None),
            ("inkomensondersteuning", "Vereenvoudiging inkomensondersteuning", None),
        ],
    ),
    _programma(
        "participatiewet-in-balans",
        "Participatiewet in balans",
        "programma",
        "minister-szw-rutte-iv",
    ),
    _programma(
        "wet-gemeentelijke-schuldhulpverlening",
        "Wet gemeentelijke schuldhulpverlening",
        "wet",
        "minister-szw-rutte-iii",
    ),
    _programma("commissie-sociaal-minimum", "Commissie sociaal minimum", "onderzoek"),
    _programma("monitor-brede-welvaart", "Monitor Brede Welvaart", "monitor", uitvoerder="cbs"),
    _programma(
        "sociale-staat-van-nederland", "De Sociale Staat van Nederland", "monitor", uitvoerder="scp"
    ),
    _programma(
        "klimaatakkoord",
        "Klimaatakkoord",
        "akkoord",
        "minister-kl-rutte-iv",
        onderdelen=[
            ("gebouwde-omgeving", "Gebouwde omgeving", None),
            ("mobiliteit", "Mobiliteit", None),
            ("elektriciteit", "Elektriciteit", None),
            ("landbouw-en-landgebruik", "Landbouw en landgebruik", None),
        ],
    ),
    _programma(
        "programma-aardgasvrije-wijken",
        "Programma Aardgasvrije Wijken",
        "programma",
        "minister-bzk-rutte-iii",
        onderdelen=[
            ("proeftuinen", "Proeftuinen aardgasvrije wijken", None),
            ("kennis-en-leerprogramma", "Kennis- en leerprogramma", None),
        ],
    ),
    _programma(
        "nationaal-plan-energiesysteem",
        "Nationaal Plan Energiesysteem",
        "beleidsdocument",
        "minister-kl-rutte-iv",
    ),
    _programma(
        "klimaat-en-energieverkenning", "Klimaat- en Energieverkenning", "monitor", uitvoerder="pbl"
    ),
    _programma(
        "werkagenda-waardengedreven-digitaliseren",
        "Werkagenda Waardengedreven Digitaliseren",
        "beleidsdocument",
    ),
    _programma(
        "nederlandse-digitaliseringsstrategie",
        "Nederlandse Digitaliseringsstrategie",
        "beleidsdocument",
    ),
    _programma(
        "mobiliteitsfonds",
        "Mobiliteitsfonds",
        "regeling",
        "minister-ienw-rutte-iv",
        "rijkswaterstaat",
    ),
    _programma("regio-deals", "Regio Deals", "regeling", "minister-lnv-rutte-iii"),
    _programma(
        "nationaal-programma-onderwijs",
        "Nationaal Programma Onderwijs",
        "programma",
        "minister-ocw-rutte-iii",
    ),
    _programma("masterplan-basisvaardigheden", "Masterplan basisvaardigheden", "programma"),
    _programma(
        "perspectief-op-werk", "Perspectief op Werk", "programma", "minister-szw-rutte-iii", "uwv"
    ),
    _programma(
        "democratie-in-actie",
        "Programma Democratie in Actie",
        "programma",
        "minister-bzk-rutte-iii",
    ),
    _programma("nationaal-groeifonds", "Nationaal Groeifonds", "regeling", uitvoerder="rvo"),
)


# --- themes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Thema:
    """A policy theme: the words a report on it is written in and what it is linked to."""

    sleutel: str
    zinsdelen: tuple[str, ...]  # noun phrases that fit the templates below
    titels: tuple[str, ...]
    ondertitels: tuple[str, ...]
    raden: tuple[str, ...]  # the first is the most likely author
    ministeries: tuple[str, ...]
    programmas: tuple[str, ...]
    organisaties: tuple[str, ...]
    lagen: tuple[str, ...]  # levels, besides the Rijk, that its advice is aimed at


THEMAS = (
    Thema(
        "eenzaamheid",
        (
            "de aanpak van eenzaamheid",
            "eenzaamheid onder ouderen",
            "eenzaamheid onder jongeren",
            "het signaleren van eenzaamheid",
            "lokale coalities tegen eenzaamheid",
            "ondersteuning voor mensen die zich eenzaam voelen",
            "het voorkomen van sociaal isolement",
            "sociale contacten van mensen die alleen wonen",
        ),
        (
            "Samen tegen eenzaamheid",
            "Niemand hoort er alleen voor te staan",
            "Verbinding als opgave",
            "Een samenleving die omziet",
        ),
        (
            "naar een brede aanpak van eenzaamheid",
            "eenzaamheid voorkomen en verminderen",
            "over sociale verbondenheid in een veranderende samenleving",
            "de rol van de buurt bij het tegengaan van eenzaamheid",
        ),
        ("RVS", "Rob", "WRR"),
        ("VWS", "BZK"),
        ("een-tegen-eenzaamheid", "sociale-basis", "gezond-en-actief-leven-akkoord", "wmo-2015"),
        ("vng", "movisie", "ggd", "lsa", "scp"),
        ("gemeente", "maatschappelijke-organisatie", "bewoners"),
    ),
    Thema(
        "buurt",
        (
            "de sociale samenhang in buurten",
            "voorzieningen in de buurt",
            "buurthuizen, bibliotheken en andere plekken in de buurt",
            "de leefbaarheid van kwetsbare buurten",
            "een buurtgerichte aanpak",
            "de betrokkenheid van bewoners bij hun buurt",
            "investeringen in achterstandsbuurten",
            "de veiligheid in wijken en buurten",
        ),
        (
            "De buurt als basis",
            "Sterke buurten",
            "Bouwen aan buurten",
            "Wijken en buurten van de toekomst",
        ),
        (
            "investeren in de sociale kracht van buurten",
            "de buurt als sociale leefomgeving",
            "naar een gebiedsgerichte aanpak",
            "over leefbaarheid en veiligheid in kwetsbare wijken",
        ),
        ("Rli", "RVS", "Rob", "CRa"),
        ("BZK", "VRO"),
        (
            "leefbaarheid-en-veiligheid",
            "mooi-nederland",
            "volkshuisvestingsfonds",
            "nationale-omgevingsvisie",
            "sociale-basis",
        ),
        ("vng", "platform31", "lsa", "aedes", "rijksbouwmeester"),
        ("gemeente", "woningcorporatie", "bewoners"),
    ),
    Thema(
        "woningbouw",
        (
            "de woningbouw in groeiregio's",
            "betaalbare woningen voor starters",
            "de bouw van woningen voor ouderen",
            "de regie op de volkshuisvesting",
            "de versnelling van woningbouwprojecten",
            "de huisvesting van aandachtsgroepen",
            "flexibele woonvormen",
            "het terugdringen van het woningtekort",
        ),
        ("Wonen voor iedereen", "Bouwen met kwaliteit", "Regie op wonen", "Een dak boven je hoofd"),
        (
            "naar een evenwichtige woningmarkt",
            "over de versnelling van de woningbouw",
            "woningbouw in samenhang met de leefomgeving",
            "een nieuwe rol voor de overheid in de volkshuisvesting",
        ),
        ("Rli", "CRa", "RvS", "WRR"),
        ("VRO", "BZK"),
        (
            "nationale-woon-en-bouwagenda",
            "wetsvoorstel-versterking-regie-volkshuisvesting",
            "een-thuis-voor-iedereen",
            "woon-onderzoek",
            "volkshuisvestingsfonds",
            "wonen-en-zorg-voor-ouderen",
        ),
        ("aedes", "vng", "ipo", "expertteam-huisvesting-aandachtsgroepen", "rijksvastgoedbedrijf"),
        ("gemeente", "provincie", "woningcorporatie"),
    ),
    Thema(
        "klimaatadaptatie",
        (
            "klimaatadaptatie in de gebouwde omgeving",
            "de gevolgen van hitte en droogte",
            "waterveiligheid en wateroverlast",
            "een klimaatbestendige inrichting van wijken",
            "ruimte voor water en groen",
            "de aanpak van bodemdaling",
            "klimaatadaptief bouwen",
            "de financiering van klimaatadaptatie",
        ),
        (
            "Klaar voor het klimaat",
            "Een klimaatbestendig Nederland",
            "Ruimte voor klimaatadaptatie",
            "Water en bodem sturend",
        ),
        (
            "over de ruimtelijke gevolgen van klimaatverandering",
            "naar een klimaatbestendige leefomgeving in 2050",
            "water en bodem als basis voor ruimtelijke keuzes",
        ),
        ("Rli", "CRa", "WRR"),
        ("IenW", "VRO", "BZK"),
        (
            "deltaprogramma-ruimtelijke-adaptatie",
            "nationale-omgevingsvisie",
            "nota-ruimte",
            "omgevingswet",
            "nationaal-programma-landelijk-gebied",
        ),
        ("unie-van-waterschappen", "ipo", "rijkswaterstaat", "deltacommissaris", "vng"),
        ("waterschap", "provincie", "gemeente"),
    ),
    Thema(
        "zorg",
        (
            "de toegankelijkheid van de zorg",
            "passende zorg dicht bij huis",
            "de samenwerking tussen zorg en welzijn",
            "de langdurige zorg voor ouderen",
            "mantelzorgers en vrijwilligers in de zorg",
            "regionale samenwerking in de zorg",
            "de betaalbaarheid van de zorg",
            "de jeugdzorg",
        ),
        ("Zorg voor de toekomst", "Kiezen in de zorg", "Houdbare zorg", "Zorg die werkt"),
        (
            "over de toekomstbestendigheid van het zorgstelsel",
            "naar passende zorg in de regio",
            "zorg en ondersteuning in samenhang",
        ),
        ("RVS", "WRR", "GR", "SER"),
        ("VWS",),
        (
            "integraal-zorgakkoord",
            "wonen-en-zorg-voor-ouderen",
            "wmo-2015",
            "hervormingsagenda-jeugd",
            "staat-van-volksgezondheid-en-zorg",
        ),
        ("actiz", "zorgverzekeraars-nederland", "vng", "omring", "rivm"),
        ("zorgorganisatie", "gemeente"),
    ),
    Thema(
        "ontmoeting",
        (
            "plekken voor ontmoeting",
            "ontmoeting tussen generaties",
            "ontmoetingsruimten in ouderenhuisvesting",
            "een openbare ruimte die uitnodigt tot ontmoeting",
            "ontmoeting in de wijk",
            "maatschappelijk vastgoed als ontmoetingsplek",
            "culturele voorzieningen als plek van ontmoeting",
        ),
        (
            "Ruimte voor ontmoeting",
            "Elkaar ontmoeten",
            "Plekken die verbinden",
            "De kracht van ontmoeting",
        ),
        (
            "over de waarde van ontmoeting in de leefomgeving",
            "ontmoeting als basis van een inclusieve samenleving",
            "naar een sociale inrichting van de openbare ruimte",
        ),
        ("RVS", "CRa", "RvC", "Rli"),
        ("VWS", "VRO", "BZK"),
        (
            "stimuleringsregeling-ontmoetingsruimten-ouderenhuisvesting",
            "mooi-nederland",
            "sociale-basis",
            "wonen-en-zorg-voor-ouderen",
            "besluit-kwaliteit-leefomgeving",
            "ontwerpend-onderzoek-sociale-leefomgeving",
        ),
        ("rijksbouwmeester", "platform31", "lsa", "de-woonschakel", "rijksvastgoedbedrijf"),
        ("gemeente", "woningcorporatie", "maatschappelijke-organisatie"),
    ),
    Thema(
        "gezondheid",
        (
            "gezondheidsverschillen tussen groepen",
            "een gezonde leefomgeving",
            "de preventie van overgewicht",
            "de mentale gezondheid van jongeren",
            "gezondheidsbevordering in wijken",
            "de gezondheid van kinderen",
            "een rookvrije generatie",
            "bewegen en sport in de buurt",
        ),
        ("Gezondheid breed bekeken", "Een gezonde toekomst", "Gezond opgroeien", "Preventie loont"),
        (
            "over het verkleinen van gezondheidsverschillen",
            "naar een gezonde leefomgeving voor iedereen",
            "preventie als gedeelde opgave",
        ),
        ("GR", "RVS", "WRR"),
        ("VWS",),
        (
            "gezond-en-actief-leven-akkoord",
            "nationaal-preventieakkoord",
            "gezondheidsmonitor",
            "smap-model",
            "staat-van-volksgezondheid-en-zorg",
            "schone-lucht-akkoord",
        ),
        ("rivm", "ggd", "pharos", "trimbos-instituut", "vng"),
        ("gemeente", "zorgorganisatie", "maatschappelijke-organisatie"),
    ),
    Thema(
        "bestaanszekerheid",
        (
            "de bestaanszekerheid van huishoudens",
            "armoede onder kinderen",
            "schulden en geldzorgen",
            "een toereikend sociaal minimum",
            "de toegankelijkheid van toeslagen",
            "vroegsignalering van schulden",
            "de stapeling van regels voor mensen met een laag inkomen",
            "een menselijke uitvoering van de Participatiewet",
        ),
        (
            "Bestaanszekerheid als fundament",
            "Zeker van bestaan",
            "Geldzorgen de wereld uit",
            "Een fatsoenlijk minimum",
        ),
        (
            "naar een robuust stelsel van inkomensondersteuning",
            "over armoede en schulden in Nederland",
            "vertrouwen terugwinnen in de sociale zekerheid",
        ),
        ("WRR", "SER", "RvS", "Rob"),
        ("SZW",),
        (
            "aanpak-geldzorgen-armoede-en-schulden",
            "participatiewet-in-balans",
            "wet-gemeentelijke-schuldhulpverlening",
            "commissie-sociaal-minimum",
            "monitor-brede-welvaart",
            "sociale-staat-van-nederland",
        ),
        ("uwv", "vng", "cbs", "scp", "divosa"),
        ("gemeente", "maatschappelijke-organisatie"),
    ),
    Thema(
        "energietransitie",
        (
            "de energietransitie in de gebouwde omgeving",
            "het isoleren van woningen",
            "de netcongestie op het elektriciteitsnet",
            "de aanpak van energiearmoede",
            "aardgasvrije wijken",
            "lokale energiecoöperaties",
            "draagvlak voor de energietransitie",
            "de uitvoering van het Klimaatakkoord",
        ),
        (
            "Energie voor iedereen",
            "Een rechtvaardige energietransitie",
            "Stroomversnelling",
            "Het energiesysteem van de toekomst",
        ),
        (
            "over netcongestie en de ruimte voor duurzame energie",
            "naar een eerlijke verdeling van lasten en lusten",
            "de energietransitie als maatschappelijke opgave",
        ),
        ("SER", "Rli", "WRR", "AWTI"),
        ("EZK", "BZK"),
        (
            "klimaatakkoord",
            "programma-aardgasvrije-wijken",
            "nationaal-plan-energiesysteem",
            "klimaat-en-energieverkenning",
        ),
        ("netbeheer-nederland", "rvo", "pbl", "vng", "aedes"),
        ("gemeente", "provincie", "woningcorporatie"),
    ),
    Thema(
        "digitalisering",
        (
            "de digitale inclusie van burgers",
            "digitale vaardigheden",
            "het gebruik van algoritmes door de overheid",
            "de digitale weerbaarheid van organisaties",
            "de bescherming van persoonsgegevens",
            "digitale dienstverlening van de overheid",
            "verantwoorde digitalisering in het openbaar bestuur",
            "datadeling tussen overheden",
        ),
        ("Digitalisering met waarden", "Mens en machine", "Opgave AI", "Digitaal dichtbij"),
        (
            "over de publieke waarden van digitalisering",
            "naar een inclusieve digitale overheid",
            "grip op algoritmes en data",
        ),
        ("WRR", "Rob", "AWTI", "RvS"),
        ("BZK", "EZK"),
        (
            "werkagenda-waardengedreven-digitaliseren",
            "nederlandse-digitaliseringsstrategie",
            "democratie-in-actie",
        ),
        ("logius", "autoriteit-persoonsgegevens", "vng", "kennisnet", "cbs"),
        ("gemeente", "maatschappelijke-organisatie"),
    ),
    Thema(
        "mobiliteit",
        (
            "de bereikbaarheid van landelijke gebieden",
            "het openbaar vervoer in de regio",
            "fietsverbindingen tussen kernen",
            "mobiliteitsarmoede",
            "de verkeersveiligheid",
            "schone en slimme mobiliteit",
            "de afstemming van mobiliteit en woningbouw",
            "het onderhoud van wegen, bruggen en sluizen",
        ),
        (
            "Bereikbaarheid voor iedereen",
            "Mobiliteit in balans",
            "Verder met de fiets",
            "Slim onderweg",
        ),
        (
            "over mobiliteitsarmoede en bereikbaarheid",
            "naar een toekomstbestendig mobiliteitssysteem",
            "mobiliteit en ruimtelijke ontwikkeling in samenhang",
        ),
        ("Rli", "SER", "CRa"),
        ("IenW",),
        (
            "mobiliteitsfonds",
            "schone-lucht-akkoord",
            "klimaatakkoord",
            "nationale-omgevingsvisie",
            "regio-deals",
        ),
        ("prorail", "rijkswaterstaat", "ipo", "vng", "pbl"),
        ("provincie", "gemeente"),
    ),
    Thema(
        "onderwijs",
        (
            "de kansengelijkheid in het onderwijs",
            "het lerarentekort",
            "de basisvaardigheden van leerlingen",
            "de samenwerking tussen scholen en gemeenten",
            "onderwijs aan nieuwkomers",
            "de aansluiting tussen onderwijs en arbeidsmarkt",
            "een leven lang ontwikkelen",
            "de kwaliteit van het onderwijs op scholen in kwetsbare wijken",
        ),
        (
            "Kansen in het onderwijs",
            "Goed onderwijs voor iedereen",
            "De leraar centraal",
            "Sterk fundament",
        ),
        (
            "over gelijke kansen voor alle leerlingen",
            "naar een robuust onderwijsstelsel",
            "het belang van basisvaardigheden",
        ),
        ("Onderwijsraad", "SER", "WRR"),
        ("OCW",),
        (
            "nationaal-programma-onderwijs",
            "masterplan-basisvaardigheden",
            "leefbaarheid-en-veiligheid",
        ),
        ("duo", "kennisnet", "vng", "po-raad"),
        ("gemeente", "maatschappelijke-organisatie"),
    ),
    Thema(
        "stikstof",
        (
            "de stikstofuitstoot van de landbouw",
            "het herstel van natuur in Natura 2000-gebieden",
            "het toekomstperspectief van boeren",
            "een gebiedsgerichte aanpak van stikstof",
            "de vergunningverlening bij stikstofdepositie",
            "de kwaliteit van bodem en water in het landelijk gebied",
            "het verdienmodel van de landbouw",
        ),
        (
            "Stikstof als opgave",
            "Boeren met toekomst",
            "Het landelijk gebied centraal",
            "Grenzen aan stikstof",
        ),
        (
            "over een perspectief voor het landelijk gebied",
            "naar een gebiedsgerichte aanpak van stikstof",
            "natuurherstel en landbouw in samenhang",
        ),
        ("Rli", "RvS", "WRR", "SER"),
        ("LNV",),
        (
            "nationaal-programma-landelijk-gebied",
            "wet-stikstofreductie-en-natuurverbetering",
            "omgevingswet",
            "regio-deals",
        ),
        ("ipo", "rvo", "pbl", "unie-van-waterschappen", "rivm"),
        ("provincie", "waterschap"),
    ),
    Thema(
        "arbeidsmarkt",
        (
            "de krapte op de arbeidsmarkt",
            "vaste contracten en flexibel werk",
            "arbeidsmigratie",
            "de positie van zzp'ers",
            "de arbeidsmarktpositie van mensen met een beperking",
            "duurzame inzetbaarheid van werkenden",
            "scholing en omscholing van werkenden",
        ),
        ("Het betere werk", "Werk dat werkt", "Krapte als kans", "Zeker werk"),
        (
            "over de toekomst van werk",
            "naar een wendbare en wederkerige arbeidsmarkt",
            "over arbeidsmigratie en bestaanszekerheid",
        ),
        ("SER", "WRR", "RvS"),
        ("SZW", "OCW"),
        ("perspectief-op-werk", "participatiewet-in-balans", "monitor-brede-welvaart"),
        ("uwv", "vng", "cbs", "scp"),
        ("maatschappelijke-organisatie", "gemeente"),
    ),
    Thema(
        "bestuur",
        (
            "de samenwerking tussen Rijk en medeoverheden",
            "de financiële positie van gemeenten",
            "de uitvoeringskracht van gemeenten",
            "het vertrouwen van burgers in de overheid",
            "de rol van de gemeenteraad",
            "regionale samenwerkingsverbanden",
            "burgerparticipatie",
            "de toegankelijkheid van de rechtsbescherming",
        ),
        (
            "Vertrouwen in de overheid",
            "Samen besturen",
            "Grip op regionale samenwerking",
            "Een responsieve overheid",
        ),
        (
            "over de verhouding tussen Rijk en gemeenten",
            "naar een wendbaar openbaar bestuur",
            "democratische legitimiteit in de regio",
        ),
        ("Rob", "RvS", "WRR"),
        ("BZK",),
        ("democratie-in-actie", "nationale-omgevingsvisie", "regio-deals", "omgevingswet"),
        ("vng", "ipo", "unie-van-waterschappen", "nationale-ombudsman"),
        ("gemeente", "provincie", "waterschap"),
    ),
    Thema(
        "innovatie",
        (
            "investeringen in onderzoek en innovatie",
            "de kennisinfrastructuur",
            "de benutting van wetenschappelijke kennis",
            "innovatie in het mkb",
            "de samenwerking tussen kennisinstellingen en bedrijven",
            "de toepassing van nieuwe technologie in de publieke sector",
        ),
        (
            "Kennis als basis",
            "Innovatie met impact",
            "Investeren in kennis",
            "Koers voor innovatie",
        ),
        (
            "over de toekomst van het Nederlandse kennisstelsel",
            "naar een missiegedreven innovatiebeleid",
        ),
        ("AWTI", "WRR", "SER"),
        ("EZK", "OCW"),
        ("nationaal-groeifonds", "monitor-brede-welvaart", "nederlandse-digitaliseringsstrategie"),
        ("rvo", "cbs", "tno"),
        ("maatschappelijke-organisatie",),
    ),
)

# --- sentence templates --------------------------------------------------------------------
# {np} is a theme's noun phrase, {np2} another one, {kader} a frame, {wie} a level in plural
# ("gemeenten"), {jaar} a year.

AANBEVELINGEN = (
    "Investeer in {np}.",
    "Versterk {np}.",
    "Maak werk van {np}.",
    "Zorg voor structurele financiering van {np}.",
    "Geef {np} een vaste plek in {kader}.",
    "Breng {np} beter in beeld.",
    "Stel heldere doelen voor {np}.",
    "Leg de verantwoordelijkheid voor {np} eenduidig vast.",
    "Ontwikkel samen met {wie} een aanpak voor {np}.",
    "Maak {np} tot speerpunt van beleid.",
)

ONDERDELEN = (
    "Onderzoek de mogelijkheid om {np} wettelijk te verankeren.",
    "Stel uiterlijk in {jaar} een plan op voor {np}.",
    "Ondersteun {wie} bij {np}.",
    "Vraag {wie} om {np} mee te nemen in {kader}.",
    "Verzamel gegevens over {np} en maak die openbaar.",
    "Stel een ambassadeur aan voor {np}.",
)

TOELICHTINGEN = (
    " Doe dit in samenhang met {np2}.",
    " Zo ontstaat meer ruimte voor {np2}.",
    " Kijk daarbij nadrukkelijk naar {np2}.",
    " Betrek daarbij {wie} en maak afspraken over {np2}.",
    " Werk daarbij samen met {wie}.",
)

KADERS = (
    "het omgevingsbeleid",
    "de rijksbegroting",
    "de prestatieafspraken",
    "de regionale samenwerking",
    "het gemeentelijk beleid",
    "wet- en regelgeving",
    "de bestuurlijke afspraken met medeoverheden",
)

# Response openings by stance; {np} as above, {doel} the level the recommendation is aimed at.
OPENINGSZINNEN = {
    "overgenomen": (
        "Het kabinet onderschrijft deze aanbeveling en neemt haar over.",
        "Wij delen de analyse van de raad en nemen dit advies over.",
        "Het kabinet is het met de raad eens dat {np} meer aandacht verdient.",
    ),
    "deels_overgenomen": (
        "Het kabinet neemt deze aanbeveling gedeeltelijk over.",
        "Wij herkennen het belang van {np}, maar kiezen voor een andere uitwerking dan de raad "
        "voorstelt.",
        "Het kabinet deelt het doel van de raad, maar niet alle voorgestelde maatregelen.",
    ),
    "niet_overgenomen": (
        "Het kabinet neemt deze aanbeveling niet over.",
        "Wij delen het doel van de raad, maar zien geen aanleiding voor aanvullend beleid op {np}.",
    ),
    "in_onderzoek": (
        "Het kabinet laat onderzoeken of en hoe deze aanbeveling kan worden uitgevoerd.",
        "Wij verkennen de komende tijd de mogelijkheden voor {np}.",
    ),
    "kennisgenomen": (
        "Het kabinet heeft kennisgenomen van deze aanbeveling.",
        "Deze aanbeveling is gericht aan {doel}; het kabinet brengt haar onder de aandacht van "
        "de betrokken partijen.",
    ),
    "": ("Deze reactie wordt nog uitgewerkt; zij gaat in op {np}.",),
}

SLOTZINNEN = {
    "overgenomen": (
        "Over de voortgang informeren wij uw Kamer in de jaarlijkse voortgangsbrief.",
        "De uitwerking gebeurt in nauwe samenwerking met {wie}.",
    ),
    "deels_overgenomen": (
        "Een wettelijke verplichting vinden wij op dit moment niet passend; {wie} hebben al "
        "voldoende ruimte om eigen keuzes te maken.",
        "Wij kijken bij de evaluatie opnieuw naar de rest van het advies.",
    ),
    "niet_overgenomen": (
        "Het bestaande instrumentarium biedt voldoende ruimte; {wie} kunnen daarbinnen zelf "
        "keuzes maken.",
        "De financiële ruimte daarvoor ontbreekt binnen de huidige begroting.",
    ),
    "in_onderzoek": (
        "Wij informeren uw Kamer over de uitkomsten van het onderzoek.",
        "Daarbij betrekken wij de ervaringen van {wie}.",
    ),
    "kennisgenomen": (
        "Wij gaan met {wie} in gesprek over de betekenis van dit advies.",
        "De verantwoordelijkheid hiervoor ligt primair bij {wie}.",
    ),
    "": ("",),
}

PROGRAMMAZINNEN = (
    "In {programma} wordt al gewerkt aan {np}.",
    "Met {programma} zet het kabinet in op {np}.",
    "Ook {programma} draagt bij aan {np}.",
)

ORGANISATIEZINNEN = (
    "{organisatie} ondersteunt {wie} hierbij met kennis en advies.",
    "Wij hebben {organisatie} gevraagd hier een bijdrage aan te leveren.",
    "Samen met {organisatie} brengen wij in kaart wat daarvoor nodig is.",
)

OPSOMMINGSINLEIDINGEN = ("Concreet betekent dit:", "Het gaat onder meer om:", "Wij doen dit door:")
OPSOMMINGSPUNTEN = (
    "het versterken van {np}",
    "extra middelen voor {np}",
    "betere monitoring van {np}",
    "afspraken met {wie} over {np}",
    "een handreiking over {np}",
)

TOEZEGGINGEN = (
    "Het kabinet stelt een handreiking op over {np}.",
    "Er verschijnt een voortgangsrapportage over {np}.",
    "De minister bespreekt {np} met {wie} en informeert de Kamer over de uitkomst.",
    "Er komt een verkenning naar {np}.",
    "Het kabinet maakt met {wie} bestuurlijke afspraken over {np}.",
    "De regelgeving over {np} wordt aangepast.",
    "Er wordt een kennisprogramma over {np} gestart.",
)

VOETNOTEN = (
    "Kamerstukken II {jaar}/{volgend}, {dossier}, nr. {nummer}.",
    "Zie de Kamerbrief van {datum} (Kamerstukken II {jaar}/{volgend}, {dossier}, nr. {nummer}).",
    "Bijlage bij Kamerstukken II {jaar}/{volgend}, {dossier}, nr. {nummer}.",
)

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
