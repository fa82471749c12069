"""Forms of the upload pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Visibility
from rightstrack.ingest import importers, vocabulary
from rightstrack.ingest.models import ImportRun

#: Largest upload accepted (bytes): the biggest real UPR Info CSV is about 7 MB.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024


class UploadForm(forms.Form):
    """File, optional format override, the visibility of what it holds and the policy for
    unknown labels ("" = the format's default, ``vocabulary.default_policy``)."""

    file = forms.FileField(
        label=_("File"),
        allow_empty_file=True,  # the preview names the file in its "empty file" error
        help_text=_(
            "PDF, Word (DOCX), HTML or text of a UN document; or a CSV, XLSX or JSON "
            "file of recommendations (UPR Info, UHRI, generic table)."
        ),
    )
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        help_text=_("Leave on “Detect automatically” unless detection picks the wrong one."),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=Visibility.choices,
        initial=Visibility.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_(
            "Choose “Restricted” for SPT visit reports, pending communications and "
            "anything not yet public: only coordinators and administrators will see it."
        ),
    )

    symbol = forms.CharField(
        label=_("Symbol"),
        required=False,
        max_length=64,
        help_text=_(
            "Only for a UN document whose text does not print its symbol (a report text "
            "that lost its first page), for example A/HRC/17/18."
        ),
    )

    unknown_labels = forms.ChoiceField(
        label=_("Unknown themes, affected persons and SDGs"),
        required=False,
        initial="",
        widget=forms.RadioSelect,
        choices=[
            (
                "",
                _(
                    "The format's default: refuse for tables kept by hand; create for UHRI "
                    "records and OHCHR thematic lists"
                ),
            ),
            *ImportRun.UnknownLabels.choices,
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices: list[tuple[str, Any]] = [("", _("Detect automatically"))]
        choices += [(src.name, src.label) for src in importers.all_sources()]
        field = self.fields["format"]
        if isinstance(field, forms.ChoiceField):  # always: declared above (narrows for mypy)
            field.choices = choices
        # formatted here, in the language of the request
        self.fields["unknown_labels"].help_text = _(
            "What to do with a value that is not in the reference lists. “Refuse”: nothing "
            "is stored and the error names the row, the value and the closest known labels. "
            "“Map”: a value that is a misspelling of a known label (similarity at least "
            "%(score)s out of 100) is read as that label, others are refused. “Create”: new "
            "labels are added. Every mapping or creation is listed on the import page."
        ) % {"score": vocabulary.MAP_MIN_SCORE}

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB.") % {"limit": MAX_UPLOAD_BYTES // 2**20}
            )
        return upload
