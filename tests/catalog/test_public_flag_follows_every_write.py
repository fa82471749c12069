"""``Recommendation.is_public`` equals the public rule (public, not archived, in a public
document) after every kind of write: the ORM, ``QuerySet.update``, bulk inserts, raw SQL,
a document made restricted or public again, and a direct write of the flag itself."""

from __future__ import annotations

import pytest
from django.db import connection

from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation, Visibility

pytestmark = pytest.mark.django_db


def rule(rec: Recommendation) -> bool:
    return (
        rec.visibility == Visibility.PUBLIC
        and not rec.is_archived
        and rec.document.visibility == Visibility.PUBLIC
    )


def assert_flags_follow_the_rule() -> None:
    recs = list(Recommendation.objects.select_related("document"))
    assert recs
    assert {r.natural_key: r.is_public for r in recs} == {r.natural_key: rule(r) for r in recs}


@pytest.fixture
def docs() -> tuple[Document, Document]:
    svn = Country.objects.create(iso3="SVN", name_en="Slovenia")
    cat = Mechanism.objects.create(code="CAT", kind=Mechanism.Kind.TREATY_BODY, name="CAT")
    co = Document.objects.create(
        key="CAT/C/SVN/CO/4",
        symbol="CAT/C/SVN/CO/4",
        doc_type="concluding_observations",
        mechanism=cat,
        country=svn,
    )
    visit = Document.objects.create(
        key="CAT/OP/SVN/R.1",
        symbol="CAT/OP/SVN/R.1",
        doc_type="visit_report",
        mechanism=cat,
        country=svn,
        visibility=Visibility.RESTRICTED,
    )
    return co, visit


def make(doc: Document, key: str, **kw) -> Recommendation:
    return Recommendation.objects.create(
        document=doc, natural_key=key, text=key, mechanism=doc.mechanism, country=doc.country, **kw
    )


def test_created_records_get_the_flag_of_the_rule(docs):
    co, visit = docs
    make(co, "public")
    make(co, "restricted", visibility=Visibility.RESTRICTED)
    make(co, "archived", is_archived=True)
    make(visit, "in the visit report")
    assert_flags_follow_the_rule()
    assert list(Recommendation.objects.public().values_list("natural_key", flat=True)) == ["public"]


def test_bulk_inserts_and_updates_keep_it(docs):
    co, visit = docs
    Recommendation.objects.bulk_create(
        [
            Recommendation(document=co, natural_key="b1", text="t", mechanism=co.mechanism),
            Recommendation(document=visit, natural_key="b2", text="t", mechanism=co.mechanism),
        ]
    )
    assert_flags_follow_the_rule()
    Recommendation.objects.filter(natural_key="b1").update(visibility=Visibility.RESTRICTED)
    assert_flags_follow_the_rule()
    Recommendation.objects.filter(natural_key="b1").update(visibility=Visibility.PUBLIC)
    Recommendation.objects.filter(natural_key="b2").update(document=co)
    assert_flags_follow_the_rule()
    assert Recommendation.objects.public().count() == 2
    Recommendation.objects.filter(natural_key="b2").update(is_archived=True)
    assert_flags_follow_the_rule()
    assert Recommendation.objects.public().count() == 1


def test_a_document_made_restricted_takes_its_recommendations_with_it(docs):
    co, _visit = docs
    make(co, "one")
    make(co, "two", visibility=Visibility.RESTRICTED)
    co.visibility = Visibility.RESTRICTED
    co.save()
    assert_flags_follow_the_rule()
    assert not Recommendation.objects.public().exists()
    Document.objects.filter(pk=co.pk).update(visibility=Visibility.PUBLIC)
    assert_flags_follow_the_rule()
    assert list(Recommendation.objects.public().values_list("natural_key", flat=True)) == ["one"]


def test_the_flag_itself_cannot_be_forced(docs):
    _co, visit = docs
    rec = make(visit, "secret")
    Recommendation.objects.filter(pk=rec.pk).update(is_public=True)
    rec.is_public = True
    rec.save()
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE catalog_recommendation SET is_public = %s WHERE id = %s", [True, rec.pk]
        )
    assert_flags_follow_the_rule()
    assert not Recommendation.objects.public().exists()
