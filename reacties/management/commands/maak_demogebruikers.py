"""Create or update one demo user per role, with a known password. Development only.

The Coördinator approves letters for a ministry (``Medewerker.ministerie``), and the example
letter is signed for two: ``coordinator`` works for BZK and ``coordinator-vws`` for VWS, so
the example's new versions can be approved all the way to vastgesteld. The two ministries
are created when missing, with the example's names (``laad_voorbeeld`` then finds them by
their abbreviation and completes them).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR
from programmas.models import Medewerker, Ministerie

# The ministries of the example letter, by abbreviation, with its names.
MINISTERIES: dict[str, str] = {
    "BZK": "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
    "VWS": "Ministerie van Volksgezondheid, Welzijn en Sport",
}


@dataclass(frozen=True)
class Demogebruiker:
    gebruikersnaam: str
    rol: str
    # The abbreviation of the ministry the user works for (and approves for), or "".
    ministerie: str = ""

    @property
    def wachtwoord(self) -> str:
        # Known on purpose: these accounts exist only with DEBUG on, to try the roles out.
        return f"demo-{self.gebruikersnaam}-2026"


DEMOGEBRUIKERS = (
    Demogebruiker("redacteur", REDACTEUR),
    Demogebruiker("coordinator", COORDINATOR, "BZK"),
    Demogebruiker("coordinator-vws", COORDINATOR, "VWS"),
    Demogebruiker("analist", ANALIST),
    Demogebruiker("beheerder", BEHEERDER),
)


class Command(BaseCommand):
    help = "Maakt of werkt één demogebruiker per rol bij, met bekend wachtwoord (alleen met DEBUG)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            # CommandError prints one line and exits with status 1, without a traceback.
            raise CommandError(
                "Geweigerd: demogebruikers met bekende wachtwoorden worden alleen met DEBUG=1 "
                "aangemaakt."
            )
        groepen = self._groepen()
        with transaction.atomic():
            ministeries = self._ministeries()
            for demo in DEMOGEBRUIKERS:
                self._bewaar(demo, groepen[demo.rol], ministeries.get(demo.ministerie))
        self._toon_tabel()

    def _groepen(self) -> dict[str, Group]:
        groepen = {
            g.name: g for g in Group.objects.filter(name__in=[d.rol for d in DEMOGEBRUIKERS])
        }
        ontbrekend = sorted({d.rol for d in DEMOGEBRUIKERS} - groepen.keys())
        if ontbrekend:
            raise CommandError(
                f"De groep(en) {', '.join(ontbrekend)} bestaan niet; voer eerst `migrate` uit."
            )
        return groepen

    def _ministeries(self) -> dict[str, Ministerie]:
        """The demo users' ministries by abbreviation, created when missing."""
        nodig = {d.ministerie for d in DEMOGEBRUIKERS if d.ministerie}
        return {
            afkorting: Ministerie.objects.get_or_create(
                afkorting=afkorting, defaults={"naam": MINISTERIES[afkorting]}
            )[0]
            for afkorting in sorted(nodig)
        }

    def _bewaar(self, demo: Demogebruiker, groep: Group, ministerie: Ministerie | None) -> None:
        gebruiker, _ = get_user_model().objects.update_or_create(
            username=demo.gebruikersnaam,
            defaults={
                "first_name": "Demo",
                "last_name": f"{demo.rol} {demo.ministerie}".strip(),
                "is_active": True,
                "is_staff": IS_STAFF[demo.rol],
                # The Beheerder gets its rights from its group too, so the roles stay honest.
                "is_superuser": False,
            },
        )
        gebruiker.set_password(demo.wachtwoord)
        gebruiker.save(update_fields=["password"])
        # Exactly this one role, also when the account was given others by hand.
        gebruiker.groups.set([groep])
        # The ministry decides for which signing ministry a Coördinator approves; the other
        # demo users work for none. Set again, also when it was changed by hand.
        if ministerie is None:
            Medewerker.objects.filter(user=gebruiker).delete()
        else:
            Medewerker.objects.update_or_create(user=gebruiker, defaults={"ministerie": ministerie})

    def _toon_tabel(self) -> None:
        kolommen = ("gebruikersnaam", "wachtwoord", "rol", "ministerie", "beheeromgeving")
        rijen = [
            (
                d.gebruikersnaam,
                d.wachtwoord,
                d.rol,
                d.ministerie or "-",
                "ja" if IS_STAFF[d.rol] else "nee",
            )
            for d in DEMOGEBRUIKERS
        ]
        breedtes = [max(len(r[i]) for r in (kolommen, *rijen)) for i in range(len(kolommen))]

        def regel(cellen: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(b) for c, b in zip(cellen, breedtes, strict=True)).rstrip()

        self.stdout.write(regel(kolommen))
        self.stdout.write(regel(tuple("-" * b for b in breedtes)))
        for rij in rijen:
            self.stdout.write(regel(rij))
