"""Forms of the upload pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from rightstrack.catalog.models import Visibility
from rightstrack.ingest import importers, vocabulary
from rightstrack.ingest.models import ImportRun
from rightstrack.ingest.parsers.mapped import FIELDS, MappingSpec

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


#: Labels of the RightsTrack fields a column may be mapped to (``parsers/mapped.py``).
FIELD_LABELS: dict[str, Any] = {
    "symbol": _("Symbol of the document"),
    "paragraph": _("Paragraph"),
    "text": _("Text of the recommendation"),
    "mechanism": _("Mechanism (code: UPR, CERD…)"),
    "country": _("State under review"),
    "date": _("Date"),
    "kind": _("Kind (recommendation or concern)"),
    "position": _("Position of the State (supported, noted)"),
    "upr_cycle": _("UPR cycle"),
    "upr_session": _("UPR session"),
    "source_id": _("The source's own record id"),
    "visibility": _("Visibility (public or restricted)"),
    "recommending_states": _("Recommending States"),
    "themes": _("Themes"),
    "affected_persons": _("Affected persons"),
    "sdgs": _("SDGs"),
}
#: Fields whose values may be translated by a value map on the form.
VALUE_MAP_FIELDS = (
    "position",
    "kind",
    "mechanism",
    "country",
    "visibility",
    "recommending_states",
    "themes",
    "affected_persons",
    "sdgs",
)


def parse_value_map(text: str) -> dict[str, str]:
    """``"Acceptée = supported"`` lines → ``{"Acceptée": "supported"}``.

    Raises:
        forms.ValidationError: a non-empty line without ``=``.
    """
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        source, sep, value = line.partition("=")
        if not sep or not source.strip():
            raise forms.ValidationError(
                _("Line %(n)s: write the source's value, “=”, then the RightsTrack value.")
                % {"n": n}
            )
        out[source.strip()] = value.strip()
    return out


def format_value_map(values: dict[str, str]) -> str:
    """The inverse of :func:`parse_value_map`."""
    return "\n".join(f"{k} = {v}" for k, v in values.items())


class ColumnMappingForm(forms.Form):
    """Map the columns of one sheet to RightsTrack fields (the upload's mapping step).

    For each field of ``parsers.mapped.FIELDS``: a column (``col_<field>``), a second
    column (``col2_<field>``: used when the first is empty; for lists, joined) and a fixed
    value (``const_<field>``); a value map for the fields of :data:`VALUE_MAP_FIELDS`
    (``map_<field>``); date format, list separator, language, and the name to save under.
    """

    name = forms.CharField(
        label=_("Save this mapping as"),
        max_length=120,
        required=False,
        help_text=_("Needed to import: the next file with these columns will be offered it."),
    )
    date_format = forms.CharField(
        label=_("Date format"),
        max_length=32,
        required=False,
        help_text=_(
            "For dates written as text, e.g. %d/%m/%Y for 31/12/2024. Leave empty for "
            "2024-12-31 and spreadsheet date cells."
        ),
    )
    list_separator = forms.ChoiceField(
        label=_("Separator of lists in one cell"),
        required=False,
        choices=[
            ("", _("“|” or one per line only")),
            (";", ";"),
            (",", ","),
            ("/", "/"),
        ],
    )
    language = forms.ChoiceField(label=_("Language of the texts"), choices=settings.LANGUAGES)

    def __init__(self, headers: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns: list[tuple[str, Any]] = [("", _("— none —"))]
        columns += [(h, h) for h in headers if h]
        for name in FIELDS:
            label = FIELD_LABELS[name]
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=label, choices=columns, required=False
            )
            self.fields[f"col2_{name}"] = forms.ChoiceField(
                label=_("%(field)s: second column") % {"field": label},
                choices=columns,
                required=False,
            )
            self.fields[f"const_{name}"] = forms.CharField(
                label=_("%(field)s: fixed value") % {"field": label},
                max_length=200,
                required=False,
            )
            if name in VALUE_MAP_FIELDS:
                self.fields[f"map_{name}"] = forms.CharField(
                    label=_("%(field)s: value map") % {"field": label},
                    widget=forms.Textarea(attrs={"rows": 2, "cols": 30}),
                    required=False,
                )

    def rows(self) -> list[dict[str, Any]]:
        """One entry per field, with its bound fields, for the template's table."""
        return [
            {
                "name": name,
                "label": FIELD_LABELS[name],
                "col": self[f"col_{name}"],
                "col2": self[f"col2_{name}"],
                "const": self[f"const_{name}"],
                "map": self[f"map_{name}"] if name in VALUE_MAP_FIELDS else None,
            }
            for name in FIELDS
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in VALUE_MAP_FIELDS:
            try:
                data[f"map_{name}"] = parse_value_map(data.get(f"map_{name}") or "")
            except forms.ValidationError as exc:
                self.add_error(f"map_{name}", exc)
        return data

    def mapping_values(self) -> dict[str, Any]:
        """The cleaned form as keyword arguments of ``actions.do_save_column_mapping``."""
        data = self.cleaned_data
        return {
            "columns": {f: [c for c in (data[f"col_{f}"], data[f"col2_{f}"]) if c] for f in FIELDS},
            "constants": {f: data[f"const_{f}"] for f in FIELDS if data[f"const_{f}"]},
            "value_maps": {f: data[f"map_{f}"] for f in VALUE_MAP_FIELDS if data[f"map_{f}"]},
            "date_format": data["date_format"],
            "list_separator": data["list_separator"],
            "language": data["language"],
        }

    @staticmethod
    def initial_for(
        spec: MappingSpec | None, columns: dict[str, tuple[str, ...]]
    ) -> dict[str, Any]:
        """Initial values from a saved mapping, else from ``columns`` (same-name guesses)."""
        initial: dict[str, Any] = {"language": spec.language if spec else "en"}
        cols = dict(spec.columns) if spec else columns
        for name, headers in cols.items():
            if headers:
                initial[f"col_{name}"] = headers[0]
            if len(headers) > 1:
                initial[f"col2_{name}"] = headers[1]
        if spec:
            initial["name"] = spec.name
            initial["date_format"] = spec.date_format
            initial["list_separator"] = spec.list_separator
            for name, value in spec.constants.items():
                initial[f"const_{name}"] = value
            for name, values in spec.value_maps.items():
                initial[f"map_{name}"] = format_value_map(dict(values))
        return initial
