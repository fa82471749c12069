"""The model file: HMAC-signed, skipped when the data is unchanged, refused when tampered."""

import io

import pytest
from django.core.management import call_command

from rightstrack.classify import modelfile
from rightstrack.ingest.pipeline import import_file

pytestmark = pytest.mark.django_db


def _train() -> str:
    out = io.StringIO()
    call_command("classify", "train", stdout=out)
    return out.getvalue()


def test_train_writes_a_signed_model_and_skips_when_data_is_unchanged(reference_data, upr_head):
    import_file(upr_head)
    assert _train().startswith("trained ")
    path = modelfile.model_path()
    assert path.read_bytes().startswith(modelfile.MAGIC)
    bundle = modelfile.load()
    assert bundle is not None and "upr_issue" in bundle.models
    assert _train() == "training data unchanged: model kept\n"


def test_a_tampered_model_is_deleted_never_loaded_and_retrained(reference_data, upr_head):
    import_file(upr_head)
    _train()
    path = modelfile.model_path()
    data = bytearray(path.read_bytes())
    data[-10] ^= 0xFF  # one byte of the pickled payload
    path.write_bytes(bytes(data))
    with pytest.raises(modelfile.ModelFileError, match="signature"):
        modelfile.read(path)
    assert modelfile.load() is None
    assert not path.exists()
    assert _train().startswith("trained ")
    assert modelfile.load() is not None


def test_a_model_signed_with_another_secret_key_is_refused(reference_data, upr_head, settings):
    import_file(upr_head)
    _train()
    settings.SECRET_KEY = "another-key"
    assert modelfile.load() is None
    assert not modelfile.model_path().exists()


def test_a_model_of_another_format_version_is_stale_and_deleted(reference_data, upr_head):
    import_file(upr_head)
    _train()
    path = modelfile.model_path()
    data = bytearray(path.read_bytes())
    head = len(modelfile.MAGIC) + 32
    data[head : head + 4] = (modelfile.FORMAT_VERSION + 1).to_bytes(4, "big")
    path.write_bytes(bytes(data))
    with pytest.raises(modelfile.ModelFileError, match="stale"):
        modelfile.read(path)
    assert modelfile.load() is None
    assert not path.exists()


def test_garbage_is_refused(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"\x80\x04not a model")
    assert modelfile.load(path) is None
    assert not path.exists()
