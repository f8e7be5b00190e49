#!/usr/bin/env python3
"""Peer: the same appraisal as portfolio_pandas.py in DuckDB SQL (multi-
threaded; set DUCKDB_THREADS=1 for one core). Prints the same JSON.

usage: portfolio_duckdb.py FAMILIES.csv
"""
import os
import sys

import duckdb

from nelc import DEADWEIGHTS, UNIT_COST, WEEKS, portfolio_json, weekly_values

con = duckdb.connect()
if "DUCKDB_THREADS" in os.environ:
    con.execute(f"SET threads = {int(os.environ['DUCKDB_THREADS'])}")
con.execute("CREATE TABLE weekly (status VARCHAR, value DOUBLE)")
con.executemany("INSERT INTO weekly VALUES (?, ?)", list(weekly_values().items()))
rows = con.execute(
    f"""
    SELECT f.cohort,
           count(*) AS families,
           sum(f.sessions * CAST({UNIT_COST} AS DOUBLE)) AS cost,
           sum(f.children * greatest(e.value - u.value, 0.0) * {WEEKS}) AS benefit
    FROM read_csv(?, header = true) f
    JOIN weekly e ON e.status = f.entry_status
    JOIN weekly u ON u.status = f.followup_status
    GROUP BY f.cohort
    """,
    [sys.argv[1]],
).fetchall()
families = sum(r[1] for r in rows)
cost, benefit = sum(r[2] for r in rows), sum(r[3] for r in rows)
best = max(r[3] / r[2] for r in rows)
print(portfolio_json(families, len(rows), cost, benefit,
                     [(d, benefit / cost * (1 - d)) for d in DEADWEIGHTS], best))
