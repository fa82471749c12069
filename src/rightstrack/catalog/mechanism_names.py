"""The names of the mechanisms in ``data/mechanisms.csv``, marked for translation.

The reference list stores each mechanism's English name (``Mechanism.name``); pages and
generated documents show ``Mechanism.display_name``, the name in the active language,
from the project's translation catalogues. Treaty bodies and the UPR are named as the UN
names them in each official language (UN Terminology Database, UNTERM); the regional bodies
by their own English and French names, and descriptively in the other languages.
``tests/catalog/test_mechanism_names_are_translated.py`` keeps this list and the CSV in step.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

#: English name as in ``mechanisms.csv`` → the same, marked for ``makemessages``.
NAMES: tuple[str, ...] = (
    gettext_noop("Human Rights Committee"),
    gettext_noop("Committee on Economic, Social and Cultural Rights"),
    gettext_noop("Committee on the Elimination of Racial Discrimination"),
    gettext_noop("Committee on the Elimination of Discrimination against Women"),
    gettext_noop("Committee against Torture"),
    gettext_noop("Subcommittee on Prevention of Torture"),
    gettext_noop("Committee on the Rights of the Child"),
    gettext_noop("Committee on Migrant Workers"),
    gettext_noop("Committee on the Rights of Persons with Disabilities"),
    gettext_noop("Committee on Enforced Disappearances"),
    gettext_noop("Universal Periodic Review (Human Rights Council Working Group)"),
    gettext_noop("Special Procedures of the Human Rights Council"),
    gettext_noop(
        "European Committee for the Prevention of Torture and Inhuman or Degrading Treatment "
        "or Punishment (Council of Europe)"
    ),
    gettext_noop("European Committee of Social Rights (Council of Europe)"),
    gettext_noop(
        "Committee of Ministers of the Council of Europe (supervision of the execution of "
        "judgments of the European Court of Human Rights)"
    ),
    gettext_noop("Inter-American Commission on Human Rights (OAS)"),
    gettext_noop("African Commission on Human and Peoples' Rights (African Union)"),
)
