"""Writing the audit log: logins, logouts, failed logins and changes to users' rights.

Who acted comes from the request being handled, which VerzoekMiddleware keeps in a context
variable for the length of the request; outside a request (a management command, a
migration) it is ‘systeem’. The signal receivers below turn Django's auth signals and the
saves of users, their groups and their ministry into lines of ``AuditEvent``. Passwords
never get here: of the credentials of a failed login only the user name is kept.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model, user_logged_in, user_logged_out, user_login_failed
from django.contrib.auth.models import Group, Permission
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import HttpRequest, HttpResponse

from adviesmonitor.models import AuditEvent

Soort = AuditEvent.Soort

SYSTEEM = "systeem"
ANONIEM = "anoniem"

# The request being handled in this thread or task; None outside a request.
_verzoek: ContextVar[HttpRequest | None] = ContextVar("audit_verzoek", default=None)

# Set on a request by the session timeout before it logs out, so the logout reads as such.
REDEN_ATTRIBUUT = "_audit_uitlogreden"

_NAAM = AuditEvent._meta.get_field("gebruikersnaam").max_length
_BROWSER = AuditEvent._meta.get_field("user_agent").max_length
_OMSCHRIJVING = AuditEvent._meta.get_field("omschrijving").max_length


class VerzoekMiddleware:
    """Keeps the current request at hand for the audit log (after AuthenticationMiddleware,
    so that ``request.user`` is there)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _verzoek.set(request)
        try:
            return self.get_response(request)
        finally:
            _verzoek.reset(token)


def _adres(tekst: str) -> str | None:
    try:
        return str(ipaddress.ip_address(tekst.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address. X-Forwarded-For counts only behind our own TLS proxy
    (BEHIND_TLS_PROXY): each proxy appends the address it was called from, so the entry
    PROXY_AANTAL from the end is the client as our outermost proxy saw it; anything before
    it the client may have made up. Without a usable entry: the direct peer."""
    if settings.BEHIND_TLS_PROXY:
        doorgestuurd = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        aantal = max(settings.PROXY_AANTAL, 1)
        if len(doorgestuurd) >= aantal and (adres := _adres(doorgestuurd[-aantal])):
            return adres
    return _adres(request.META.get("REMOTE_ADDR", ""))


def _door(request: HttpRequest | None) -> str:
    if request is None:
        return SYSTEEM
    gebruiker = getattr(request, "user", None)
    if gebruiker is not None and gebruiker.is_authenticated:
        return gebruiker.get_username()[:_NAAM]
    return ANONIEM


def schrijf(
    soort: str,
    gebruikersnaam: str,
    omschrijving: str = "",
    gegevens: dict[str, Any] | None = None,
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Add one line; ``request`` defaults to the request being handled (if any)."""
    request = request if request is not None else _verzoek.get()
    return AuditEvent.objects.create(
        soort=soort,
        gebruikersnaam=(gebruikersnaam or "")[:_NAAM],
        door=_door(request),
        ip=client_ip(request) if request is not None else None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:_BROWSER] if request else "",
        omschrijving=omschrijving[:_OMSCHRIJVING],
        gegevens=gegevens or {},
    )


# --- logging in and out --------------------------------------------------------------------


def _ingelogd(sender, request: HttpRequest | None, user, **kwargs) -> None:
    schrijf(Soort.INGELOGD, user.get_username(), "Ingelogd.", request=request)


def _uitgelogd(sender, request: HttpRequest | None, user, **kwargs) -> None:
    if user is None:  # logging out without being logged in
        return
    reden = getattr(request, REDEN_ATTRIBUUT, None)
    soort = Soort.SESSIE_VERLOPEN if reden else Soort.UITGELOGD
    schrijf(soort, user.get_username(), reden or "Uitgelogd.", request=request)


def _inloggen_mislukt(sender, credentials: dict[str, Any], request=None, **kwargs) -> None:
    # Django has already masked the password in ``credentials``; only the name is kept.
    veld = get_user_model().USERNAME_FIELD
    naam = str(credentials.get(veld) or credentials.get("username") or "")
    schrijf(Soort.INLOGGEN_MISLUKT, naam, "Inloggen mislukt.", request=request)


# --- a user's status, groups and permissions -----------------------------------------------

# The flags that decide what a user may do at all.
STATUSVELDEN = ("is_active", "is_staff", "is_superuser")
_VOOR = "_audit_status_voor"
_VOOR_LEEGMAKEN = "_audit_voor_leegmaken"


def _gebruiker_voor_opslaan(sender, instance, raw: bool = False, update_fields=None, **kw) -> None:
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(STATUSVELDEN):
        return  # e.g. last_login on every login: no extra query
    oud = sender._default_manager.filter(pk=instance.pk).values(*STATUSVELDEN).first()
    if oud is None:
        return
    gewijzigd = {
        veld: {"van": oud[veld], "naar": getattr(instance, veld)}
        for veld in STATUSVELDEN
        if oud[veld] != getattr(instance, veld)
    }
    setattr(instance, _VOOR, gewijzigd)


def _gebruiker_opgeslagen(sender, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    naam = instance.get_username()
    if created:
        status = {veld: getattr(instance, veld) for veld in STATUSVELDEN}
        aan = [veld for veld, waarde in status.items() if waarde]
        schrijf(
            Soort.GEBRUIKER_AANGEMAAKT,
            naam,
            "Gebruiker aangemaakt" + (f" ({', '.join(aan)})." if aan else "."),
            {"status": status},
        )
        return
    gewijzigd = instance.__dict__.pop(_VOOR, None)
    if gewijzigd:
        delen = [f"{veld}: {w['van']} → {w['naar']}" for veld, w in gewijzigd.items()]
        schrijf(Soort.STATUS, naam, "Status gewijzigd: " + "; ".join(delen) + ".", gewijzigd)


def _gebruiker_verwijderd(sender, instance, **kwargs) -> None:
    schrijf(Soort.GEBRUIKER_VERWIJDERD, instance.get_username(), "Gebruiker verwijderd.")


def _namen(model: type[Model], pks: Iterable[int]) -> list[str]:
    pks = list(pks)
    if not pks:
        return []
    if model is Permission:
        rijen = model.objects.filter(pk__in=pks).select_related("content_type")
        return sorted(f"{p.content_type.app_label}.{p.codename}" for p in rijen)
    if model is Group:
        return sorted(model.objects.filter(pk__in=pks).values_list("name", flat=True))
    return sorted(str(obj.get_username()) for obj in model._default_manager.filter(pk__in=pks))


def _kolommen(tussen: type[Model]) -> tuple[str, str]:
    """The through table's columns: (the user's, the group's or permission's)."""
    User = get_user_model()
    sleutels = [f for f in tussen._meta.concrete_fields if f.is_relation]
    gebruiker = next(f.attname for f in sleutels if f.related_model is User)
    ander = next(f.attname for f in sleutels if f.related_model is not User)
    return gebruiker, ander


def _m2m_ontvanger(soort: str, wat: str) -> Callable[..., None]:
    """A receiver for changes to a user's groups or permissions, from either side:
    ``user.groups.add(group)`` and ``group.user_set.add(user)`` both end up here."""

    def ontvanger(sender, instance, action: str, reverse: bool, model, pk_set, **kwargs) -> None:
        gebruiker_kolom, ander_kolom = _kolommen(sender)
        if action == "pre_clear":
            # clear() does not say what it removes: note it now, write it after.
            eigen, overkant = (
                (ander_kolom, gebruiker_kolom)
                if reverse
                else (
                    gebruiker_kolom,
                    ander_kolom,
                )
            )
            pks = sender.objects.filter(**{eigen: instance.pk}).values_list(overkant, flat=True)
            setattr(instance, _VOOR_LEEGMAKEN, list(pks))
            return
        if action == "post_clear":
            pk_set = instance.__dict__.pop(_VOOR_LEEGMAKEN, [])
            richting = "verwijderd"
        elif action in ("post_add", "post_remove"):
            richting = "toegevoegd" if action == "post_add" else "verwijderd"
        else:
            return
        if not pk_set:
            return  # add() of what was there already, remove() of what was not
        if reverse:
            # ``instance`` is the group (or permission), ``pk_set`` holds users.
            naam = _namen(type(instance), [instance.pk])
            for gebruiker in _namen(get_user_model(), pk_set):
                _schrijf_m2m(soort, wat, gebruiker, richting, naam)
        else:
            _schrijf_m2m(soort, wat, instance.get_username(), richting, _namen(model, pk_set))

    return ontvanger


def _schrijf_m2m(soort: str, wat: str, gebruiker: str, richting: str, namen: list[str]) -> None:
    schrijf(
        soort,
        gebruiker,
        f"{wat} {richting}: {', '.join(namen)}.",
        {richting: namen},
    )


# --- a user's ministry (programmas.Medewerker) ---------------------------------------------

_MINISTERIE_VOOR = "_audit_ministerie_voor"


def _ministerie_naam(ministerie_id: int | None) -> str | None:
    if ministerie_id is None:
        return None
    from programmas.models import Ministerie

    return Ministerie.objects.filter(pk=ministerie_id).values_list("afkorting", flat=True).first()


def _medewerker_voor_opslaan(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    oud = None
    if instance.pk is not None:
        oud = sender._default_manager.filter(pk=instance.pk).values("ministerie_id").first()
    setattr(instance, _MINISTERIE_VOOR, (oud or {}).get("ministerie_id"))


def _medewerker_opgeslagen(sender, instance, raw: bool = False, **kwargs) -> None:
    if raw or _MINISTERIE_VOOR not in instance.__dict__:
        return
    van_id = instance.__dict__.pop(_MINISTERIE_VOOR)
    if van_id == instance.ministerie_id:
        return
    _schrijf_ministerie(
        instance, _ministerie_naam(van_id), _ministerie_naam(instance.ministerie_id)
    )


def _medewerker_wordt_verwijderd(sender, instance, **kwargs) -> None:
    # What the database holds, not what a possibly stale instance says.
    van_id = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list("ministerie_id", flat=True)
        .first()
    )
    if van_id is not None:
        _schrijf_ministerie(instance, _ministerie_naam(van_id), None)


def _schrijf_ministerie(medewerker, van: str | None, naar: str | None) -> None:
    schrijf(
        Soort.MINISTERIE,
        medewerker.user.get_username(),
        f"Ministerie gewijzigd: {van or 'geen'} → {naar or 'geen'}.",
        {"ministerie": {"van": van, "naar": naar}},
    )


def verbind_signalen() -> None:
    """Connect the receivers (from AppConfig.ready)."""
    from programmas.models import Medewerker

    User = get_user_model()
    uid = "adviesmonitor.audit."
    user_logged_in.connect(_ingelogd, dispatch_uid=uid + "ingelogd")
    user_logged_out.connect(_uitgelogd, dispatch_uid=uid + "uitgelogd")
    user_login_failed.connect(_inloggen_mislukt, dispatch_uid=uid + "mislukt")
    pre_save.connect(_gebruiker_voor_opslaan, sender=User, dispatch_uid=uid + "user_pre")
    post_save.connect(_gebruiker_opgeslagen, sender=User, dispatch_uid=uid + "user_post")
    post_delete.connect(_gebruiker_verwijderd, sender=User, dispatch_uid=uid + "user_del")
    m2m_changed.connect(
        _m2m_ontvanger(Soort.ROLLEN, "Groepen"),
        sender=User.groups.through,
        dispatch_uid=uid + "groepen",
        weak=False,
    )
    m2m_changed.connect(
        _m2m_ontvanger(Soort.RECHTEN, "Rechten"),
        sender=User.user_permissions.through,
        dispatch_uid=uid + "rechten",
        weak=False,
    )
    pre_save.connect(_medewerker_voor_opslaan, sender=Medewerker, dispatch_uid=uid + "mw_pre")
    post_save.connect(_medewerker_opgeslagen, sender=Medewerker, dispatch_uid=uid + "mw_post")
    pre_delete.connect(_medewerker_wordt_verwijderd, sender=Medewerker, dispatch_uid=uid + "mw_del")
