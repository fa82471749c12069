"""Shared fixtures. Paths to the real samples shipped in the repo and in ../shared."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "tests" / "samples"
SHARED_RAW = Path(os.environ.get("RIGHTSTRACK_SHARED_DIR", REPO.parent / "shared" / "data" / "raw"))


def pytest_configure(config: pytest.Config) -> None:
    """Refuse to silently fall back to SQLite when the PostgreSQL pass is asked for."""
    if os.environ.get("RIGHTSTRACK_REQUIRE_POSTGRES") == "1":
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError(f"PostgreSQL pass requested but engine is {engine}")
    _fast_password_hashing()
    _tasks_run_at_once()
    _share_pdf_text_between_test_processes()
    _static_files_not_collected()


def _static_files_not_collected() -> None:
    """Tests link static files by their plain names, as before ``collectstatic``: the suite
    gets an empty ``STATIC_ROOT`` of its own, so that the files a ``make run`` collected in
    the same checkout's data folder (hashed names, ``core/static_storage.py``) do not change
    the pages under test. Removed when the process ends."""
    import atexit
    import shutil
    import tempfile

    from django.conf import settings

    root = tempfile.mkdtemp(prefix="rightstrack-test-static-")
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    settings.STATIC_ROOT = root


def _fast_password_hashing() -> None:
    """Tests only: MD5 instead of PBKDF2 (1,000,000 iterations, ~0.5 s per login or check).

    The login, throttling and password-rule tests check what is accepted and refused, not
    the hash; production keeps Django's default hashers (settings.py does not set them).
    """
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _tasks_run_at_once() -> None:
    """Tests only: background tasks run when enqueued, in the test's process (the
    immediate backend); the tests of the queue itself switch to the database backend."""
    from django.conf import settings

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def _share_pdf_text_between_test_processes() -> None:
    """Keep the text pypdf extracts from each real PDF in a folder all test processes share.

    ``extract_text`` already memoises per process (keyed by the file's SHA-256); this adds a
    JSON copy on disk so the two xdist workers and the SQLite and PostgreSQL passes extract
    each PDF once (3-15 s each). The folder name carries a hash of ``extract.py`` and the
    pypdf version, so a change to either extracts again. Errors are never stored.
    """
    import hashlib
    import json
    import tempfile

    import pypdf

    from rightstrack.ingest.parsers.documents import extract

    code = Path(extract.__file__).read_bytes() + pypdf.__version__.encode()
    folder = Path(tempfile.gettempdir()) / (
        "rightstrack-test-pdf-text-" + hashlib.sha256(code).hexdigest()[:16]
    )
    uncached = extract._extract_uncached

    def extract_via_disk(path: Path) -> extract.ExtractedText:
        suffix, digest = extract._file_key(path)
        stored = folder / f"{digest}{suffix}.json"
        try:
            data = json.loads(stored.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if data is not None:
            pages = [extract.Page(i + 1, text) for i, text in enumerate(data["pages"])]
            return extract.ExtractedText(
                path, data["format"], pages, data["encoding"], data["meta"]
            )
        result = uncached(path)
        if result.format == "pdf":
            folder.mkdir(exist_ok=True)
            partial = folder / f"{digest}.{os.getpid()}.tmp"
            partial.write_text(
                json.dumps(
                    {
                        "format": result.format,
                        "pages": [page.text for page in result.pages],
                        "encoding": result.encoding,
                        "meta": result.meta,
                    }
                ),
                encoding="utf-8",
            )
            partial.replace(stored)  # atomic: another process never reads half a file
        return result

    extract._extract_uncached = extract_via_disk  # type: ignore[assignment]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, migrated, with empty reference tables.

    Migrations load the reference lists (``catalog.0002_reference_data``); the tests build
    the countries, mechanisms and taxonomies they need by hand, or ask for the
    ``reference_data`` fixture, so the tables are emptied once per test database (the
    rows a migration loads would also vanish after the first ``transaction=True`` test,
    which flushes every table). ``tests/catalog/test_migrate_alone_gives_a_usable_database.py``
    checks what ``migrate`` loads.
    """
    from django.apps import apps

    from rightstrack.catalog.reference import REFERENCE_MODELS

    with django_db_blocker.unblock():
        for name in reversed(REFERENCE_MODELS):
            apps.get_model("catalog", name).objects.all().delete()


@pytest.fixture(scope="session", autouse=True)
def _convert_each_docx_to_pdf_once():
    """Tests only: LibreOffice converts each distinct DOCX once per process (2-8 s a run).

    The confidentiality matrix asks for the same follow-up report PDF as every role, with
    and without restricted records; the DOCX is the same, so the PDF is too. The key is the
    DOCX's parts (names and bytes) without the zip timestamps and the core-properties dates,
    which change from one second to the next; failures are not memoised.
    """
    import hashlib
    import io
    import re
    import zipfile

    from rightstrack.reports.writers import pdf

    convert = pdf.docx_to_pdf
    converted: dict[str, bytes] = {}
    dates = re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")

    def content_key(data: bytes) -> str:
        digest = hashlib.sha256()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for name in sorted(zf.namelist()):
                part = zf.read(name)
                if name == "docProps/core.xml":
                    part = dates.sub(b"", part)
                digest.update(name.encode() + b"\0" + part + b"\0")
        return digest.hexdigest()

    def docx_to_pdf(data: bytes, *, timeout: int = pdf.CONVERT_TIMEOUT) -> bytes:
        try:
            key = content_key(data)
        except zipfile.BadZipFile:
            return convert(data, timeout=timeout)
        if key not in converted:
            converted[key] = convert(data, timeout=timeout)
        return converted[key]

    pdf.docx_to_pdf = docx_to_pdf
    yield
    pdf.docx_to_pdf = convert


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts and ends in the default language.

    A test-client request in Chinese (LocaleMiddleware) or a ``translation.activate()``
    otherwise leaves the language active in the worker, and the next test on that xdist
    worker (code run outside a request: charts, reports, commands) would speak Chinese.
    """
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _empty_caches():
    """Every test starts with empty caches: the API's rate limits count requests per client
    address in the default cache, and a limit reached by the tests before on the same
    worker (all from 127.0.0.1, within the minute) answered 429 to the next one."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def shared_raw() -> Path:
    """The ``shared/data/raw`` folder; tests that need it skip outside CI when it is absent."""
    if not SHARED_RAW.is_dir():
        if os.environ.get("CI"):
            raise RuntimeError(f"{SHARED_RAW} is missing in CI")
        pytest.skip("shared/data/raw not present")
    return SHARED_RAW


# --- The fixed cast of users (accounts) -------------------------------------------------
# admin, coordinator, focal points of ministries A and B, validator (ministry A),
# contributor (hide_name_publicly=True), viewer, anonymous. Use ``client_for(user)`` to get a
# logged-in test client; for publishing roles it has also passed the TOTP step.

CAST_PASSWORD = "correct-horse-battery-staple-42"
#: The hidden-name contributor's real name and username: must never appear publicly.
HIDDEN_CONTRIBUTOR_NAME = ("Ximena", "Zorrilla-Quintanar")
HIDDEN_CONTRIBUTOR_USERNAME = "xzquintanar"


@pytest.fixture
def cast_password() -> str:
    """The password of every cast member (long enough for the validators)."""
    return CAST_PASSWORD


@pytest.fixture
def hidden_contributor_markers() -> list[str]:
    """Strings that identify the hidden-name contributor: never in any public output."""
    return [*HIDDEN_CONTRIBUTOR_NAME, HIDDEN_CONTRIBUTOR_USERNAME]


@functools.cache
def _cast_password_hash() -> str:
    """Hash the cast password once per run (PBKDF2 is slow on purpose)."""
    from django.contrib.auth.hashers import make_password

    return make_password(CAST_PASSWORD)


def _make_user(username: str, role: str, organisation=None, **extra):
    from rightstrack.accounts.models import User

    user = User(username=username, role=role, organisation=organisation, **extra)
    user.email = f"{username}@example.org"
    user.is_staff = role in ("admin", "coordinator")
    user.is_superuser = role == "admin"
    user.password = _cast_password_hash()
    user.save()
    return user


@pytest.fixture
def ministry_a(db):
    from rightstrack.accounts.models import Organisation

    return Organisation.objects.create(
        name="Ministry of Justice (A)", acronym="MJA", org_type=Organisation.Type.MINISTRY
    )


@pytest.fixture
def ministry_b(db):
    from rightstrack.accounts.models import Organisation

    return Organisation.objects.create(
        name="Ministry of Health (B)", acronym="MHB", org_type=Organisation.Type.MINISTRY
    )


@pytest.fixture
def nmrf(db):
    from rightstrack.accounts.models import Organisation

    return Organisation.objects.create(
        name="National Mechanism for Reporting and Follow-up",
        acronym="NMRF",
        org_type=Organisation.Type.NMRF,
    )


@pytest.fixture
def ngo(db):
    from rightstrack.accounts.models import Organisation

    return Organisation.objects.create(
        name="Coalition of Human Rights Defenders", acronym="CHRD", org_type="ngo"
    )


@pytest.fixture
def admin(db):
    return _make_user("admin", "admin", first_name="Ada", last_name="Admin")


@pytest.fixture
def coordinator(nmrf):
    return _make_user("coordinator", "coordinator", nmrf, first_name="Cora", last_name="Coord")


@pytest.fixture
def focal_point_a(ministry_a):
    return _make_user("focal_a", "focal_point", ministry_a, first_name="Fatou", last_name="Alpha")


@pytest.fixture
def focal_point_b(ministry_b):
    return _make_user("focal_b", "focal_point", ministry_b, first_name="Felix", last_name="Beta")


@pytest.fixture
def validator(ministry_a):
    return _make_user("validator_a", "validator", ministry_a, first_name="Vera", last_name="Val")


@pytest.fixture
def contributor(ngo):
    first, last = HIDDEN_CONTRIBUTOR_NAME
    return _make_user(
        HIDDEN_CONTRIBUTOR_USERNAME,
        "contributor",
        ngo,
        first_name=first,
        last_name=last,
        hide_name_publicly=True,
    )


@pytest.fixture
def viewer(db):
    return _make_user("viewer", "viewer", first_name="Vic", last_name="Viewer")


@pytest.fixture
def anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


@pytest.fixture
def cast(
    admin, coordinator, focal_point_a, focal_point_b, validator, contributor, viewer, anonymous
):
    """Every member of the cast by role name (``"anonymous"`` is an ``AnonymousUser``)."""
    return {
        "admin": admin,
        "coordinator": coordinator,
        "focal_point_a": focal_point_a,
        "focal_point_b": focal_point_b,
        "validator": validator,
        "contributor": contributor,
        "viewer": viewer,
        "anonymous": anonymous,
    }


def pass_two_factor(client, user):
    """Mark ``client``'s session as having passed the TOTP step with a confirmed device."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="cast", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a test Client logged in as ``user`` (anonymous: not logged in).

    Publishing roles (admin, coordinator, validator, focal point) have also passed
    the TOTP step, as after a real login.
    """
    from django.test import Client

    from rightstrack.accounts.twofactor import requires_two_factor

    def make(user):
        client = Client()
        if user is None or not user.is_authenticated:
            return client
        client.force_login(user)
        if requires_two_factor(user):
            pass_two_factor(client, user)
        return client

    return make


@pytest.fixture
def reference_data(db) -> dict[str, int]:
    """Countries, mechanisms and taxonomies from ``catalog/data/*.csv`` (~0.05 s per test).

    Returns the counts of ``seed_reference()``.
    """
    from rightstrack.catalog.reference import seed_reference

    return seed_reference()


@pytest.fixture(scope="session")
def live_server(live_server, django_db_blocker):
    """pytest-django's live server, then, once the session is done with it, the database
    sessions its request threads left open ended (PostgreSQL).

    A browser keeps its connection to the live server alive; the server's thread for that
    connection is still waiting for the next request when the server stops, and its
    database session stays open, so the test database could not be dropped ("is being
    accessed by other users": seen after the accounts' browser tests, the last query
    of the leftover session a request's TOTP check)."""
    yield live_server
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
