"""Create or update one demo user per role, with a known password. Development only."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from adviesmonitor.rollen import ANALIST, BEHEERDER, COORDINATOR, IS_STAFF, REDACTEUR


@dataclass(frozen=True)
class Demogebruiker:
    gebruikersnaam: str
    rol: str

    @property
    def wachtwoord(self) -> str:
        # Known on purpose: these accounts exist only with DEBUG on, to try the roles out.
        return f"demo-{self.gebruikersnaam}-2026"


DEMOGEBRUIKERS = (
    Demogebruiker("redacteur", REDACTEUR),
    Demogebruiker("coordinator", COORDINATOR),
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
            for demo in DEMOGEBRUIKERS:
                self._bewaar(demo, groepen[demo.rol])
        self._toon_tabel()

    def _groepen(self) -> dict[str, Group]:
        groepen = {
            g.name: g for g in Group.objects.filter(name__in=[d.rol for d in DEMOGEBRUIKERS])
        }
        ontbrekend = [d.rol for d in DEMOGEBRUIKERS if d.rol not in groepen]
        if ontbrekend:
            raise CommandError(
                f"De groep(en) {', '.join(ontbrekend)} bestaan niet; voer eerst `migrate` uit."
            )
        return groepen

    def _bewaar(self, demo: Demogebruiker, groep: Group) -> None:
        gebruiker, _ = get_user_model().objects.update_or_create(
            username=demo.gebruikersnaam,
            defaults={
                "first_name": "Demo",
                "last_name": demo.rol,
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

    def _toon_tabel(self) -> None:
        kolommen = ("gebruikersnaam", "wachtwoord", "rol", "beheeromgeving")
        rijen = [
            (d.gebruikersnaam, d.wachtwoord, d.rol, "ja" if IS_STAFF[d.rol] else "nee")
            for d in DEMOGEBRUIKERS
        ]
        breedtes = [max(len(r[i]) for r in (kolommen, *rijen)) for i in range(len(kolommen))]

        def regel(cellen: tuple[str, ...]) -> str:
            return "  ".join(c.ljust(b) for c, b in zip(cellen, breedtes, strict=True)).rstrip()

        self.stdout.write(regel(kolommen))
        self.stdout.write(regel(tuple("-" * b for b in breedtes)))
        for rij in rijen:
            self.stdout.write(regel(rij))
