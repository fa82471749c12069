"""Storage helpers: turn parsed records into catalogue rows, in bulk, idempotently.

Every source ends with the same three calls:

* :class:`Reference` resolves names and codes (ISO3, mechanism code, theme
  name, SDG target "16.3"...) to primary keys, with one query per table;
* :func:`upsert_document` creates or updates one :class:`Document` by its key;
* :func:`upsert_records` creates or updates many recommendations (or pledges)
  by natural key, sets their many-to-many tags and writes their history.

"Unchanged" means every compared field and every tag set is identical: no
write at all, no history row. Created and updated rows get one history row
each, written with simple_history's ``bulk_history_create`` (one INSERT per
batch instead of one per row), plus the snapshot rows of the many-to-many
fields the model tracks in its history (``HistoricalRecords(m2m_fields=...)``),
which simple_history only writes from ``m2m_changed`` signals that bulk inserts
do not send.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

from rightstrack.catalog import derived
from rightstrack.catalog.labels import label_slug, sdg_codes, tidy_label, upr_issue_slug
from rightstrack.catalog.models import (
    ActionCategory,
    AffectedGroup,
    Country,
    Document,
    Mechanism,
    Recommendation,
    SdgGoal,
    SdgTarget,
    Theme,
    UprIssue,
    Visibility,
)
from rightstrack.core import bulk
from rightstrack.ingest import signals, vocabulary
from rightstrack.ingest.errors import ImportFailure
from rightstrack.ingest.importers import Counts, ImportContext

BATCH = 500
#: Records of one model to create or re-tag in one :func:`upsert_records` call above which
#: the import announces a bulk load (:data:`~rightstrack.ingest.signals.bulk_load_started`).
BULK_LOAD_THRESHOLD = 2000
#: Keys per ``IN (...)`` query: below SQLite's historical 999-variable limit.
KEY_CHUNK = 900
RESTRICTED = str(Visibility.RESTRICTED)


def _chunks(seq: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


class Reference:
    """Primary keys of reference rows, loaded once per import.

    Countries, mechanisms, SDGs, UPR Info issues and action categories must
    already exist (``rightstrack migrate`` loads them, ``rightstrack seed-reference``
    refreshes them); a missing one is an
    :class:`ImportFailure`. Themes and affected persons are UHRI labels
    "as they appear in the thematic lists and UHRI records" (``catalog/data/themes.csv``,
    ``affected_groups.csv``); a value that is not one of them, and an SDG value that
    names no goal or target, follows the import's policy ``ctx.unknown_labels``
    (refuse, map or create: :meth:`labels`, :meth:`sdg`), never silently.
    """

    def __init__(self, ctx: ImportContext) -> None:
        self.ctx = ctx

    def _missing(self, what: str) -> ImportFailure:
        return self.ctx.fail(
            f"reference data missing: {what}; run `rightstrack seed-reference` first"
        )

    @cached_property
    def countries(self) -> dict[str, int]:
        """ISO3 → id."""
        found = dict(Country.objects.values_list("iso3", "id"))
        if not found:
            raise self._missing("no countries")
        return found

    def country(self, iso3: str | None) -> int | None:
        return self.countries.get(iso3) if iso3 else None

    @cached_property
    def _mechanisms(self) -> dict[str, int]:
        return dict(Mechanism.objects.values_list("code", "id"))

    def mechanism(self, code: str) -> int:
        """Id of the mechanism ``code`` ("UPR", "CESCR").

        Raises:
            ImportFailure: unknown code.
        """
        try:
            return self._mechanisms[code]
        except KeyError:
            raise self._missing(f"mechanism {code!r}") from None

    def mechanism_or_none(self, code: str) -> int | None:
        """Id of the mechanism ``code``, or ``None`` when unknown.

        Raises:
            ImportFailure: no mechanism at all (reference data not loaded).
        """
        if not self._mechanisms:
            raise self._missing("no mechanisms")
        return self._mechanisms.get(code.strip().upper())

    @cached_property
    def _sdg_goals(self) -> dict[int, int]:
        return dict(SdgGoal.objects.values_list("number", "id"))

    def sdg_goal(self, number: int) -> int | None:
        return self._sdg_goals.get(number)

    @cached_property
    def _sdg_targets(self) -> dict[str, int]:
        return {code.lower(): pk for code, pk in SdgTarget.objects.values_list("code", "id")}

    def sdg_target(self, code: str) -> int | None:
        return self._sdg_targets.get(code.lower())

    @cached_property
    def _sdg_vocabulary(self) -> tuple[vocabulary.Vocabulary, dict[str, str]]:
        """The SDGs as labels ("5 - Gender Equality", "16.3 - Promote the rule of law...")
        keyed ``goal:5`` / ``target:16.3``, and exact aliases: the ``label_slug`` of each
        goal's short title and title and of each target's text → key."""
        names: dict[str, str] = {}
        aliases: dict[str, str] = {}
        for number, short, title in SdgGoal.objects.values_list("number", "short_title", "title"):
            key = f"goal:{number}"
            names[key] = f"{number} - {short or title}"
            aliases.update({label_slug(t): key for t in (short, title) if t})
        for code, text in SdgTarget.objects.values_list("code", "text"):
            key = f"target:{code.lower()}"
            cut = text if len(text) <= 60 else text[:59].rstrip() + "…"
            names[key] = f"{code} - {cut}"
            aliases[label_slug(text)] = key
        return vocabulary.Vocabulary(names), aliases

    def sdg(self, label: str, *, row: int | None, cell: str | None) -> str | None:
        """``goal:<number>`` or ``target:<code>`` for an SDG value, under the import's policy.

        A value with a known goal number or target code ("5 - GENDER EQUALITY", "16.3",
        "SDG 3") is that SDG; so is a goal's short title or title, or a target's text
        (matched by ``label_slug``). Anything else is unknown: ``refuse`` and ``map`` (no
        target or goal similar enough) raise :class:`ImportFailure` with up to three
        suggestions; ``map`` takes the closest one when similar enough (warning with the
        row); ``create`` drops the value with a warning: the SDG list is closed
        (A/RES/71/313), so nothing can be created.

        Raises:
            ImportFailure: an unknown value refused.
        """
        goal, target = sdg_codes(label)
        if target and target.lower() in self._sdg_targets:
            return f"target:{target.lower()}"
        if goal and not target and goal in self._sdg_goals:
            return f"goal:{goal}"
        vocab, aliases = self._sdg_vocabulary
        found = aliases.get(label_slug(label))
        if found is not None:
            return found
        policy = self.ctx.unknown_labels
        if policy == vocabulary.CREATE:
            self.ctx.warn(
                f"unknown SDG {label!r} dropped (the SDG list is closed)", row=row, cell=cell
            )
            return None
        if policy == vocabulary.MAP:
            best = vocab.best_match(label)
            if best is not None:
                self.ctx.warn(
                    f"SDG {label!r} mapped to {best.name!r} (similarity {best.score:g})",
                    row=row,
                    cell=cell,
                )
                return best.key
        hint = (
            f"no SDG is similar enough to map it (similarity below {vocabulary.MAP_MIN_SCORE})"
            if policy == vocabulary.MAP
            else "import with --unknown-labels=map to accept a close match, or create to drop it"
        )
        raise self.ctx.fail(
            f"unknown SDG {label!r}; closest known: {vocabulary.quoted(vocab.suggest(label))}; "
            f"{hint}",
            row=row,
            cell=cell,
        )

    @cached_property
    def _upr_issues(self) -> dict[str, int]:
        return dict(UprIssue.objects.values_list("slug", "id"))

    def upr_issue(self, name: str) -> int | None:
        """Id of the UPR Info issue printed as ``name`` (older spellings too), or ``None``."""
        slug = upr_issue_slug(name)
        return self._upr_issues.get(slug) if slug else None

    @cached_property
    def _actions(self) -> dict[int, int]:
        return dict(ActionCategory.objects.values_list("number", "id"))

    def action_category(self, number: int | None) -> int | None:
        return self._actions.get(number) if number is not None else None

    @cached_property
    def _themes(self) -> _Labels:
        return _Labels(Theme, "theme")

    @cached_property
    def _groups(self) -> _Labels:
        return _Labels(AffectedGroup, "affected-persons label")

    def themes(
        self, values: Iterable[str], *, row: int | None = None, cell: str | None = "themes"
    ) -> set[int]:
        """Ids of the theme values of one record (see :meth:`labels`)."""
        return self.labels(self._themes, values, row=row, cell=cell)

    def affected_groups(
        self,
        values: Iterable[str],
        *,
        row: int | None = None,
        cell: str | None = "affected_persons",
    ) -> set[int]:
        """Ids of the affected-persons values of one record (see :meth:`labels`)."""
        return self.labels(self._groups, values, row=row, cell=cell)

    def labels(
        self, kind: _Labels, values: Iterable[str], *, row: int | None, cell: str | None
    ) -> set[int]:
        """Ids of the labels ``values`` of one record, under the import's policy.

        Each value is matched by ``label_slug``; a comma-joined value is split against the
        known vocabulary, longest label first (``vocabulary.Vocabulary.split``). What is
        left unknown follows ``ctx.unknown_labels``:

        * ``refuse``: :class:`ImportFailure` naming file, row, column, the value and up to
          three suggestions (the pipeline then rolls the whole import back);
        * ``map``: the value becomes its closest known label when their similarity is at
          least ``vocabulary.MAP_MIN_SCORE`` (a warning with the row says so); otherwise
          refused as above;
        * ``create``: a new label is created (inside the import's transaction, with
          ``source`` ``import:<format>``) and a warning with the row says so; later rows
          find it as known.

        Raises:
            ImportFailure: an unknown value refused.
        """
        ids: set[int] = set()
        for value in values:
            for text, known in kind.vocabulary.split(value):
                key = text if known else self._unknown(kind, text, value, row=row, cell=cell)
                ids.add(kind.ids[key])
        return ids

    def _unknown(
        self, kind: _Labels, text: str, value: str, *, row: int | None, cell: str | None
    ) -> str:
        """Key of the label an unknown ``text`` (part of the cell ``value``) stands for."""
        policy = self.ctx.unknown_labels
        where = "" if text == value else f" (in {value!r})"
        if policy == vocabulary.CREATE:
            slug = label_slug(text)[:255]
            if not slug:
                raise self.ctx.fail(
                    f"{kind.noun} {text!r} has no letters or digits", row=row, cell=cell
                )
            source = f"import:{self.ctx.format}" if self.ctx.format else "import"
            obj = kind.model(name=tidy_label(text)[:255], slug=slug, source=source[:64])
            obj.save()
            kind.ids[slug] = obj.pk
            kind.vocabulary.add(slug, obj.name)
            self.ctx.warn(f"new {kind.noun} {obj.name!r} created{where}", row=row, cell=cell)
            return slug
        if policy == vocabulary.MAP:
            best = kind.vocabulary.best_match(text)
            if best is not None:
                self.ctx.warn(
                    f"{kind.noun} {text!r}{where} mapped to {best.name!r} "
                    f"(similarity {best.score:g})",
                    row=row,
                    cell=cell,
                )
                return best.key
        suggestions = vocabulary.quoted(kind.vocabulary.suggest(text))
        hint = (
            f"no known {kind.noun} is similar enough to map it (similarity below "
            f"{vocabulary.MAP_MIN_SCORE})"
            if policy == vocabulary.MAP
            else "import with --unknown-labels=map or create to accept it"
        )
        raise self.ctx.fail(
            f"unknown {kind.noun} {text!r}{where}; closest known: {suggestions}; {hint}",
            row=row,
            cell=cell,
        )


class _Labels:
    """The known labels of one vocabulary (themes or affected persons) during an import.

    Attributes:
        model: ``Theme`` or ``AffectedGroup``.
        noun: how messages name one label ("theme").
        ids: ``label_slug`` → primary key.
        vocabulary: the matcher over the labels' names.
    """

    def __init__(self, model: type[Theme] | type[AffectedGroup], noun: str) -> None:
        self.model = model
        self.noun = noun
        rows = list(model.objects.values_list("slug", "id", "name"))
        self.ids: dict[str, int] = {slug: pk for slug, pk, _ in rows}
        self.vocabulary = vocabulary.Vocabulary({slug: name for slug, _, name in rows})


def document_visibility(row_visibilities: Iterable[str], ctx: ImportContext) -> str:
    """The visibility of a document that a table import creates, from its rows' visibility.

    Rule: the document is restricted when the whole import is restricted
    (``ctx.visibility``) or when every row of that document in the file is restricted;
    otherwise it is public, and a restricted row restricts only its own recommendation.
    The order of the rows therefore never matters: a restricted row first must not hide
    the document's public rows (the document page and its public recommendations stay
    visible to everyone). Applies when the document is created; an existing document
    keeps its visibility (the table only *cites* it, see ``upsert_document(fill_only)``).

    Args:
        row_visibilities: ``"public"``/``"restricted"`` of each row of the document.
        ctx: the import (its ``visibility``).

    Returns:
        ``"restricted"`` or ``"public"``.
    """
    values = list(row_visibilities)
    if ctx.visibility == RESTRICTED or (values and all(v == RESTRICTED for v in values)):
        return RESTRICTED
    return str(Visibility.PUBLIC)


def upsert_document(
    key: str, values: dict[str, Any], ctx: ImportContext, *, fill_only: bool = False
) -> Document:
    """Create or update the :class:`Document` whose natural key is ``key``.

    ``values`` maps field attnames (``mechanism_id``, ``country_id``, ``symbol``...)
    to values. An existing document whose values are all equal is not saved
    (no history row). With ``fill_only``, an existing document only gets the
    fields that are still empty: a source that merely *cites* a document (a
    thematic list cites the WG report) must not overwrite what the document's
    own import stored. Saves go through ``save()`` so simple_history records them.
    """
    if ctx.visibility == RESTRICTED:
        values = {**values, "visibility": RESTRICTED}
    doc = Document.objects.filter(key=key).first()
    if doc is None:
        doc = Document(key=key, **values)
        doc.save()
        return doc
    changed = [
        k
        for k, v in values.items()
        if getattr(doc, k) != v and not (fill_only and getattr(doc, k) not in ("", None))
    ]
    if changed:
        for k in changed:
            setattr(doc, k, values[k])
        doc.save()
    return doc


def upsert_documents(rows: Sequence[RecordRow], ctx: ImportContext) -> dict[str, int]:
    """Create or update many documents at once (by ``Document.key``); returns key → id."""
    upsert_records(Document, rows, tag_fields=(), ctx=ctx, key_field="key")
    ids: dict[str, int] = {}
    keys = [r.key for r in rows]
    for chunk in _chunks(keys, KEY_CHUNK):
        ids.update(Document.objects.filter(key__in=chunk).values_list("key", "id"))
    return ids


def upsert_in_chunks(
    model: type[models.Model],
    rows: Sequence[RecordRow],
    *,
    tag_fields: Sequence[str],
    ctx: ImportContext,
    size: int = 5000,
) -> Counts:
    """:func:`upsert_records` in slices of ``size`` rows, reporting progress after each."""
    total = Counts()
    for start in range(0, len(rows), size):
        total += upsert_records(model, rows[start : start + size], tag_fields=tag_fields, ctx=ctx)
        ctx.report(min(start + size, len(rows)), len(rows))
    return total


@dataclass
class RecordRow:
    """One record to store: its natural key, field values and tag sets.

    Attributes:
        key: the natural key (unique, stable across re-imports).
        values: concrete field attnames → values, e.g. ``{"document_id": 3, "text": "..."}``.
        tags: many-to-many field name → set of target ids, e.g. ``{"themes": {1, 4}}``.
            A field listed in ``tag_fields`` but absent here means "no tags".
    """

    key: str
    values: dict[str, Any]
    tags: dict[str, set[int]] = field(default_factory=dict)


class _Plain:
    """Attribute bag standing in for an unsaved instance (``pk``/``id`` set after insert)."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)
        self.pk: int | None = None

    def set_pk(self, pk: int) -> None:
        self.pk = pk
        self.id = pk


@dataclass
class _TagField:
    name: str
    through: type[models.Model]
    src: str  # attname of the FK to the record, e.g. "recommendation_id"
    dst: str  # attname of the FK to the tag, e.g. "theme_id"


def _tag_field(model: type[models.Model], name: str) -> _TagField:
    m2m = model._meta.get_field(name)
    if not isinstance(m2m, models.ManyToManyField):
        raise TypeError(f"{model.__name__}.{name} is not a many-to-many field")
    through = m2m.remote_field.through
    if through is None:
        raise TypeError(f"{model.__name__}.{name} has no through model")
    src = through._meta.get_field(m2m.m2m_field_name()).attname  # type: ignore[union-attr]
    dst = through._meta.get_field(m2m.m2m_reverse_field_name()).attname  # type: ignore[union-attr]
    return _TagField(name, through, src, dst)


def upsert_records(
    model: type[models.Model],
    rows: Sequence[RecordRow],
    *,
    tag_fields: Sequence[str],
    ctx: ImportContext,
    key_field: str = "natural_key",
) -> Counts:
    """Create, update or leave alone ``rows`` of ``model``, matched on ``key_field``.

    Bulk throughout: existing rows and tags are read with a few ``IN`` queries,
    new rows inserted with ``bulk_create``, changed ones written with
    ``bulk_update``, tags with bulk inserts into the through tables, history
    with ``bulk_history_create``.

    Recommendations: when one call creates or re-tags more than
    :data:`BULK_LOAD_THRESHOLD` of them, the import's bulk load starts
    (:data:`~rightstrack.ingest.signals.bulk_load_started`, once per import) and the ids
    of the recommendations written from then on are collected in
    ``ctx.bulk_loaded_ids`` for :func:`finish_bulk_load`.

    Returns:
        Counts with ``created``, ``updated`` and ``unchanged`` (``rejected`` is 0:
        the source rejects rows before calling this).

    Raises:
        ImportFailure: two rows share a natural key.
    """
    if ctx.visibility == RESTRICTED and any(f.name == "visibility" for f in model._meta.fields):
        # an upload marked restricted (SPT report, pending communication) never goes public
        rows = [RecordRow(r.key, {**r.values, "visibility": RESTRICTED}, r.tags) for r in rows]
    seen: set[str] = set()
    for row in rows:
        if row.key in seen:
            raise ctx.fail(f"two records share the natural key {row.key!r}")
        seen.add(row.key)

    tfs = [_tag_field(model, name) for name in tag_fields]
    keys = [r.key for r in rows]
    concrete = [f for f in model._meta.concrete_fields if not f.primary_key]
    pk_name = model._meta.pk.attname
    attnames = [pk_name, *(f.attname for f in concrete)]
    # plain dicts, not model instances: a re-import of 41,000 unchanged rows
    # should not build 41,000 instances
    existing: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(keys, KEY_CHUNK):
        for got in model._default_manager.filter(**{f"{key_field}__in": chunk}).values(*attnames):
            existing[got[key_field]] = got

    # current tags of existing rows: field → record id → {tag id: through id}
    current: dict[str, dict[int, dict[int, int]]] = {tf.name: defaultdict(dict) for tf in tfs}
    ids = [got[pk_name] for got in existing.values()]
    for tf in tfs:
        for chunk in _chunks(ids, KEY_CHUNK):
            qs = tf.through._default_manager.filter(**{f"{tf.src}__in": chunk})
            for pk, src, dst in qs.values_list("pk", tf.src, tf.dst):
                current[tf.name][src][dst] = pk

    to_create: list[Any] = []
    to_update: list[Any] = []
    update_fields: set[str] = set()
    retag: list[tuple[Any, str, set[int]]] = []  # (obj, field, wanted)
    counts = Counts()
    now = timezone.now()
    defaults = {f.attname: f.get_default() for f in concrete}
    for row in rows:
        found = existing.get(row.key)
        if found is None:
            obj: Any = _Plain({**defaults, key_field: row.key, **row.values})
            to_create.append(obj)
            for tf in tfs:
                retag.append((obj, tf.name, set(row.tags.get(tf.name, ()))))
            counts.created += 1
            continue
        changed = [k for k, v in row.values.items() if found[k] != v]
        pk = found[pk_name]
        tag_changes = [
            (tf.name, set(row.tags.get(tf.name, ())))
            for tf in tfs
            if set(row.tags.get(tf.name, ())) != set(current[tf.name].get(pk, {}))
        ]
        if not changed and not tag_changes:
            counts.unchanged += 1
            continue
        obj = model(**found)
        for k in changed:
            setattr(obj, k, row.values[k])
        update_fields.update(changed)
        obj.updated_at = now
        to_update.append(obj)
        for name, wanted in tag_changes:
            retag.append((obj, name, wanted))
        counts.updated += 1

    if (
        not ctx.in_bulk_load
        and model is Recommendation
        and len(to_create) + len(retag) > BULK_LOAD_THRESHOLD
    ):
        ctx.in_bulk_load = True
        # SQLite replaces the change token once per written row: once at the end instead.
        ctx.suspended_triggers = derived.suspend_change_triggers(
            connections[router.db_for_write(Recommendation)]
        )
        signals.bulk_load_started.send(sender=Recommendation)
    if to_create:
        if model is Recommendation:
            _set_public_flags(to_create)
        _insert_objects(model, to_create, now)
        pks: dict[str, int] = {}
        new_keys = [getattr(o, key_field) for o in to_create]
        for chunk in _chunks(new_keys, KEY_CHUNK):
            pks.update(
                model._default_manager.filter(**{f"{key_field}__in": chunk}).values_list(
                    key_field, "pk"
                )
            )
        for obj in to_create:
            obj.set_pk(pks[getattr(obj, key_field)])
    if to_update:
        model._default_manager.bulk_update(
            to_update, sorted(update_fields | {"updated_at"}), batch_size=BATCH
        )
    if ctx.in_bulk_load and model is Recommendation:
        ctx.bulk_loaded_ids.update(o.pk for o in to_create)
        ctx.bulk_loaded_ids.update(o.pk for o in to_update)
    _write_tags(retag, tfs, current, _snapshot_fields(model))
    _write_history(model, to_create, to_update, tfs, current, ctx, now)
    return counts


def _set_public_flags(objs: list[Any]) -> None:
    """Give new recommendations the ``is_public`` value the database triggers would
    (``catalog.derived.public_flag``: public, not archived, in a public document), so that
    SQLite's insert trigger finds it right and issues no fix-up ``UPDATE`` per row. One
    query for the visibility of their documents."""
    doc_ids = sorted({o.document_id for o in objs if o.document_id is not None})
    visibility: dict[int, str] = {}
    for chunk in _chunks(doc_ids, KEY_CHUNK):
        visibility.update(Document.objects.filter(pk__in=chunk).values_list("pk", "visibility"))
    for o in objs:
        o.is_public = derived.public_flag(
            o.visibility, o.is_archived, visibility.get(o.document_id)
        )


def finish_bulk_load(ctx: ImportContext) -> None:
    """End the import's bulk load, if one started: send
    :data:`~rightstrack.ingest.signals.bulk_load_finished` with ``ctx.bulk_loaded_ids``.

    Called by the pipeline inside the import's transaction, after the importer's ``run``.
    Does nothing when no bulk load started. Exceptions raised by receivers propagate.
    """
    if ctx.in_bulk_load:
        signals.bulk_load_finished.send(
            sender=Recommendation, record_ids=frozenset(ctx.bulk_loaded_ids)
        )
        derived.resume_change_triggers(
            connections[router.db_for_write(Recommendation)], ctx.suspended_triggers
        )
        ctx.suspended_triggers = []


def _write_tags(
    retag: list[tuple[Any, str, set[int]]],
    tfs: Sequence[_TagField],
    current: dict[str, dict[int, dict[int, int]]],
    snapshot_fields: set[str],
) -> None:
    """Replace the tag sets listed in ``retag`` and update ``current`` to the new state."""
    by_name = {tf.name: tf for tf in tfs}
    deletes: dict[str, list[int]] = defaultdict(list)
    inserts: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for obj, name, wanted in retag:
        tf = by_name[name]
        had = current[name].get(obj.pk, {})
        drop = [through_pk for tag, through_pk in had.items() if tag not in wanted]
        deletes[name].extend(drop)
        for tag in sorted(wanted - set(had)):
            inserts[name].append((obj.pk, tag))
    for name, pks in deletes.items():
        for chunk in _chunks(pks, KEY_CHUNK):
            by_name[name].through._default_manager.filter(pk__in=chunk).delete()
    for name, pairs in inserts.items():
        tf = by_name[name]
        _executemany(tf.through, [tf.src, tf.dst], pairs)
    # refresh the in-memory state (through ids included) for the history snapshot
    for obj, name, wanted in retag:
        kept = {t: pk for t, pk in current[name].get(obj.pk, {}).items() if t in wanted}
        current[name][obj.pk] = kept
    for name, pairs in inserts.items():
        if name not in snapshot_fields:
            for src, dst in pairs:
                current[name][src][dst] = 0
            continue
        tf = by_name[name]
        ids = sorted({src for src, _ in pairs})
        for chunk in _chunks(ids, KEY_CHUNK):
            qs = tf.through._default_manager.filter(**{f"{tf.src}__in": chunk})
            for pk, src, dst in qs.values_list("pk", tf.src, tf.dst):
                current[name][src][dst] = pk


def _snapshot_fields(model: type[models.Model]) -> set[str]:
    """Names of the m2m fields whose state simple_history snapshots with each history row."""
    manager = getattr(model, "history", None)
    if manager is None:
        return set()
    return {f.name for f in getattr(manager.model, "_history_m2m_fields", [])}


def _executemany(
    model: type[models.Model], attnames: list[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` into ``model``'s table through the bulk path of the engine
    (:func:`rightstrack.core.bulk.insert_rows`: ``executemany`` on SQLite, ``COPY`` on
    PostgreSQL), inside the import's transaction.

    Used instead of ``bulk_create`` for wide bulk inserts: building 41,000 model
    instances and compiling their SQL costs more than the database work.
    """
    bulk.insert_rows(model, attnames, rows)


def _insert_objects(model: type[models.Model], objs: list[Any], now: Any) -> None:
    """Insert unsaved instances (no pk) with one ``executemany``; fills auto_now fields."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            for obj in objs:
                setattr(obj, f.attname, now)
    attnames = [f.attname for f in fields]
    _executemany(model, attnames, [tuple(getattr(o, a) for a in attnames) for o in objs])


def _write_history(
    model: type[models.Model],
    created: list[Any],
    updated: list[Any],
    tfs: Sequence[_TagField],
    current: dict[str, dict[int, dict[int, int]]],
    ctx: ImportContext,
    now: Any,
) -> None:
    """One history row per created/updated record, plus its tracked m2m snapshot.

    Created records: raw ``executemany`` of the historical rows (type "+"), then
    one query to learn their ``history_id``s when a snapshot is needed. Updated
    records (few: only rows that changed): ``bulk_history_create(update=True)``.
    """
    manager = getattr(model, "history", None)
    if manager is None:
        return
    history_model = manager.model
    user_id = getattr(ctx.user, "pk", None)
    pairs: list[tuple[int, int]] = []  # (record pk, history pk)
    snap_names = sorted(_snapshot_fields(model) & {tf.name for tf in tfs})
    if created:
        columns = [f.attname for f in history_model._meta.concrete_fields if not f.primary_key]
        tracked = {f.attname for f in history_model.tracked_fields}
        extra = {
            "history_date": now,
            "history_change_reason": None,
            "history_type": "+",
            "history_user_id": user_id,
        }
        rows = [
            tuple(getattr(o, c) if c in tracked else extra.get(c) for c in columns) for o in created
        ]
        _executemany(history_model, columns, rows)
        needs = [o.pk for o in created if any(current[n].get(o.pk) for n in snap_names)]
        for chunk in _chunks(needs, KEY_CHUNK):
            pairs.extend(
                history_model._default_manager.filter(id__in=chunk, history_date=now).values_list(
                    "id", "history_id"
                )
            )
    if updated:
        hist = manager.bulk_history_create(
            updated, batch_size=BATCH, update=True, default_user=ctx.user, default_date=now
        )
        pairs.extend((h.id, h.pk) for h in hist)
    by_name = {tf.name: tf for tf in tfs}
    for name in snap_names:
        tf = by_name[name]
        m2m_history_model = getattr(history_model, name).model
        snap = [
            (history_pk, through_pk, record_pk, tag)
            for record_pk, history_pk in pairs
            for tag, through_pk in current[name].get(record_pk, {}).items()
        ]
        _executemany(m2m_history_model, ["history_id", "id", tf.src, tf.dst], snap)
