"""Atom ids and calendar UIDs carry the installation's domain and no database id."""

from __future__ import annotations

from rightstrack.core.identifiers import atom_id, ics_uid, instance_domain


def test_two_installations_never_publish_the_same_id(settings):
    settings.RIGHTSTRACK_INSTANCE_DOMAIN = "derechos.example.org.py"
    first = (atom_id("recommendation", "upr-info:PRY:5:abc"), ics_uid("report", "CCPR/C/PRY/CO/4"))
    settings.RIGHTSTRACK_INSTANCE_DOMAIN = "cnddh.example.ma"
    second = (atom_id("recommendation", "upr-info:PRY:5:abc"), ics_uid("report", "CCPR/C/PRY/CO/4"))
    assert first == (
        "tag:derechos.example.org.py,2026:recommendation/upr-info%3APRY%3A5%3Aabc",
        "report-CCPR%2FC%2FPRY%2FCO%2F4@derechos.example.org.py",
    )
    assert second[0] != first[0] and second[1] != first[1]


def test_the_domain_defaults_to_the_first_plain_allowed_host(settings):
    settings.RIGHTSTRACK_INSTANCE_DOMAIN = ""
    settings.ALLOWED_HOSTS = [".example.net", "Rights.Example.NET", "localhost"]
    assert instance_domain() == "rights.example.net"
    settings.ALLOWED_HOSTS = ["*"]
    assert instance_domain() == "localhost"
