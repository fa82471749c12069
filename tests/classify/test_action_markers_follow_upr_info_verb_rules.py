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
    # 40 rows, two labels: label 0 on the even rows (word 0), label 1 on rows 0-9 (word 1).
    x = sparse.csr_matrix(
        np.array([[i % 2 == 0, i < 10, 1.0] for i in range(40)], dtype=np.float32)
    )
    y = np.array([[i % 2 == 0, i < 10] for i in range(40)], dtype=np.int8)
    thresholds = tune_thresholds(x, y)
    assert thresholds.shape == (2,)
    assert thresholds[0] == thresholds[1]
