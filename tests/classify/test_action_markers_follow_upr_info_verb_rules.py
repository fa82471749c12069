"""The verb markers read by the action-category model follow UPR Info's rules.

UPR Info's database methodology (Database_Action_Category.pdf, upr-info-methodology): the
category follows the first verb; after "continue" ("Continue and strengthen...") the
second verb decides; a general action followed by specific examples ("by amending...")
can be category 5. The markers carry these verbs to the model.
The text is a real UPR Info row (Sweden to Portugal, session 6, printed category 4:
"Continue and strengthen" is read as "strengthen", general action).
"""

import numpy as np
from scipy import sparse

from rightstrack.classify.learn import marker_tokens, tune_thresholds

PORTUGAL_S6 = (
    "Continue and strengthen the efforts of the Government to ensure that law enforcement "
    "officials and prison guards do not use excessive force or mistreat inmates, by "
    "conducting thorough investigations into all such allegations and ensuring that "
    "perpetrators are brought to justice "
)


def test_first_and_second_verb_are_marked_by_position():
    tokens = marker_tokens(PORTUGAL_S6).split()
    # "and" and "the" are fillers: the content words are continue, strengthen, efforts.
    assert tokens[:4] == ["L0continue", "L1and", "L2strengthen", "L3the"]
    assert [t for t in tokens if t[:2] in {"V0", "V1", "V2"}] == [
        "V0continue",
        "V1strengthen",
        "V2efforts",
    ]
    assert "VVcontinue_strengthen" in tokens


def test_by_ing_examples_are_marked():
    tokens = marker_tokens(PORTUGAL_S6).split()
    assert "BYconducting" in tokens
    # "and ensuring" is not introduced by "by": not a marker.
    assert "BYensuring" not in tokens


def test_one_threshold_for_every_label():
    # 200 rows (the latest 30 tune the threshold), two labels: label 0 is word 0 exactly,
    # label 1 follows a graded feature with exceptions. Tuned label by label, the first
    # would get -0.9 and the second 0.0 (the code before issue 12); the micro-F1 of both
    # together picks one threshold for both (docs/classify.md: on UPR cycle 1, one
    # threshold scored 0.880 against 0.858 with one per label).
    i = np.arange(200)
    even = i % 2 == 0
    graded = (i % 10) / 9.0
    second = (i % 10 >= 7) | (i % 13 == 0)
    x = sparse.csr_matrix(np.c_[even, graded, np.ones(200)].astype(np.float32))
    y = np.c_[even, second].astype(np.int8)
    thresholds = tune_thresholds(x, y)
    assert thresholds.shape == (2,)
    assert thresholds[0] == thresholds[1]
