"""Figures as CSV: one header from the first row's keys, values as written."""

from __future__ import annotations

import csv
import io
from typing import Any


def to_csv(rows: list[dict[str, Any]], columns: list[str] | None = None) -> str:
    """Render rows as CSV text; columns default to every key, in first-seen order."""
    if columns is None:
        columns = list(dict.fromkeys(key for row in rows for key in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue()
