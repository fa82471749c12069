import pytest

from rightstrack.catalog.models import Country, Document, Mechanism, Recommendation, Visibility


@pytest.mark.django_db
def test_public_hides_restricted_recommendations_and_those_in_restricted_documents():
    mech = Mechanism.objects.create(code="SPT", kind=Mechanism.Kind.TREATY_BODY, name="SPT")
    svn = Country.objects.create(iso3="SVN", name_en="Slovenia")
    public_doc = Document.objects.create(key="D1", doc_type=Document.Type.OTHER, mechanism=mech)
    secret_doc = Document.objects.create(
        key="D2",
        doc_type=Document.Type.VISIT_REPORT,
        mechanism=mech,
        visibility=Visibility.RESTRICTED,
    )
    a = Recommendation.objects.create(
        natural_key="a", document=public_doc, mechanism=mech, country=svn, text="a"
    )
    Recommendation.objects.create(
        natural_key="b", document=secret_doc, mechanism=mech, country=svn, text="b"
    )
    Recommendation.objects.create(
        natural_key="c",
        document=public_doc,
        mechanism=mech,
        country=svn,
        text="c",
        visibility=Visibility.RESTRICTED,
    )
    assert list(Recommendation.objects.public()) == [a]
