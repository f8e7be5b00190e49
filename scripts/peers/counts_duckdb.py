#!/usr/bin/env python3
"""A family table reduced to froi's table of counts by a GROUP BY in DuckDB:
one row per cohort and entry, exit and follow-up status, with the families,
children and sessions in it (docs/scenario-format.md, "A table of counts").
tests/counts.rs appraises the result and compares it with froi's own pass
over the rows.

usage: counts_duckdb.py FAMILIES.csv > counts.csv
"""
import sys

import duckdb

duckdb.sql(
    """
    SELECT cohort,
           entry_status AS entry, exit_status AS exit, followup_status AS follow_up,
           count(*) AS families, sum(children) AS children, sum(sessions) AS sessions
    FROM read_csv(?, header = true, all_varchar = true,
                  types = {'cohort': 'UINTEGER', 'children': 'UBIGINT', 'sessions': 'UBIGINT'})
    GROUP BY ALL
    ORDER BY ALL
    """,
    params=[sys.argv[1]],
).write_csv("/dev/stdout")
