from django.db import migrations

BESTUURSLAGEN = [
    ("rijk", "Rijk"),
    ("provincie", "provincie"),
    ("gemeente", "gemeente"),
    ("waterschap", "waterschap"),
    ("woningcorporatie", "woningcorporatie"),
    ("zorgorganisatie", "zorgorganisatie"),
    ("maatschappelijke-organisatie", "maatschappelijke organisatie"),
    ("bewoners", "bewoners"),
]


def seed(apps, schema_editor):
    Bestuurslaag = apps.get_model("advies", "Bestuurslaag")
    for volgorde, (slug, naam) in enumerate(BESTUURSLAGEN, start=1):
        Bestuurslaag.objects.update_or_create(slug=slug, defaults={"naam": naam, "volgorde": volgorde})


def unseed(apps, schema_editor):
    Bestuurslaag = apps.get_model("advies", "Bestuurslaag")
    Bestuurslaag.objects.filter(slug__in=[slug for slug, _ in BESTUURSLAGEN], aanbevelingen=None).delete()


class Migration(migrations.Migration):
    dependencies = [("advies", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
