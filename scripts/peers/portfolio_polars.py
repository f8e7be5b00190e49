#!/usr/bin/env python3
"""Peer: the same appraisal as portfolio_pandas.py with polars (a lazy scan,
multi-threaded; set POLARS_MAX_THREADS=1 for one core). Prints the same JSON.

usage: portfolio_polars.py FAMILIES.csv
"""
import sys

import polars as pl

from nelc import DEADWEIGHTS, UNIT_COST, WEEKS, portfolio_json, weekly_values

values = weekly_values()
value = lambda col: pl.col(col).replace_strict(values, return_dtype=pl.Float64)
by = (
    pl.scan_csv(sys.argv[1])
    .select(
        "cohort",
        cost=pl.col("sessions") * UNIT_COST,
        benefit=pl.col("children") * (value("entry_status") - value("followup_status")).clip(lower_bound=0) * WEEKS,
        families=pl.lit(1),
    )
    .group_by("cohort")
    .agg(pl.sum("cost"), pl.sum("benefit"), pl.sum("families"))
    .collect()
)
cost, benefit = by["cost"].sum(), by["benefit"].sum()
best = (by["benefit"] / by["cost"]).max()
print(portfolio_json(by["families"].sum(), by.height, cost, benefit,
                     [(d, benefit / cost * (1 - d)) for d in DEADWEIGHTS], best))
