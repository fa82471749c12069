"""A second seed_reference() run changes nothing and keeps rows created by imports."""

import pytest
from django.core.management import call_command

from rightstrack.catalog.models import Country, SdgTarget, Theme
from rightstrack.catalog.reference import seed_reference

pytestmark = pytest.mark.django_db


def test_a_second_run_creates_and_updates_nothing(django_assert_max_num_queries):
    first = seed_reference()
    assert first["created"] == sum(v for k, v in first.items() if k not in ("created", "updated"))
    with django_assert_max_num_queries(20):
        second = seed_reference()
    assert (second["created"], second["updated"]) == (0, 0)


def test_it_repairs_an_edited_row_and_keeps_an_imported_theme():
    seed_reference()
    Country.objects.filter(iso3="SVN").update(name_fr="Slovenija")
    SdgTarget.objects.filter(code="16.3").update(text="x")
    Theme.objects.create(name="A label from an import", slug="a-label-from-an-import")
    counts = seed_reference()
    assert (counts["created"], counts["updated"]) == (0, 2)
    assert Country.objects.get(iso3="SVN").name_fr == "Slovénie"
    assert SdgTarget.objects.get(code="16.3").text.startswith("Promote the rule of law")
    assert Theme.objects.filter(slug="a-label-from-an-import").exists()


def test_it_adopts_a_theme_an_import_created_under_another_slug():
    Theme.objects.create(name="Equality & non-discrimination", slug="equality-non-discrimination")
    seed_reference()
    theme = Theme.objects.get(name="Equality & non-discrimination")
    assert (theme.slug, theme.code) == ("equality-and-non-discrimination", "B3")


def test_the_command_reports_counts(capsys):
    call_command("seed_reference")
    out = capsys.readouterr().out
    assert "country            197" in out
    assert "651 created, 0 updated" in out
    call_command("seed_reference")
    assert "0 created, 0 updated" in capsys.readouterr().out
