"""classify() on real-world-shaped pages and files (tests/classify_cases.py): long landing
pages that tell the story of the visit, documents that merely mention the CPC, committee
cover reports, news, PDF cover pages as pypdf gives them, action plans, progress reviews and
LGA report pages. `python -m bench.classify_accuracy` scores the same table."""

import pytest
from classify_cases import CASES, problems


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_real_world_shaped_input_is_classified_as_what_it_is(case):
    assert problems(case) == []
