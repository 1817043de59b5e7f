"""Case-insensitive lookups go through LOWER(...), which the Lower(...) unique indexes serve;
`__iexact` (UPPER(...) = UPPER(...)) uses none of them."""

import re
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".venv", "tests", "bench", "var", ".git"}


def test_signing_in_looks_the_address_up_by_its_lower_case_index(db):
    User = get_user_model()
    User.objects.create_user("Ruth.Example@Oak.test", "a long pass phrase")

    with CaptureQueriesContext(connection) as queries:
        found = User.objects.get_by_natural_key("RUTH.example@oak.TEST")

    assert found.email.lower() == "ruth.example@oak.test"
    assert 'LOWER("trustplan_user"."email") =' in queries[0]["sql"]
    assert "UPPER" not in queries[0]["sql"]


def test_no_product_lookup_uses_iexact():
    uses = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in ROOT.rglob("*.py")
        if not SKIP & set(path.relative_to(ROOT).parts)
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"__iexact\s*=", line)
    ]

    assert uses == []
