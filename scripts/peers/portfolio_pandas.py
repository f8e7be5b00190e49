#!/usr/bin/env python3
"""Peer: appraise a family table with pandas, as a data analyst would: each
family's benefit is children x max(0, weekly value at entry - weekly value at
follow-up) x 52 weeks, its cost sessions x the stated cost of a conference;
cost, benefit and ratio per cohort and overall, netted for each deadweight
scenario (docs/methodology.md, "The NELC instance"). Prints the JSON of the
`portfolio` example.

usage: portfolio_pandas.py FAMILIES.csv
"""
import sys

import pandas as pd

from nelc import DEADWEIGHTS, UNIT_COST, WEEKS, portfolio_json, weekly_values

values = weekly_values()
df = pd.read_csv(sys.argv[1], usecols=["cohort", "children", "entry_status", "followup_status", "sessions"])
saving = df["entry_status"].map(values) - df["followup_status"].map(values)
df["benefit"] = df["children"] * saving.clip(lower=0) * WEEKS
df["cost"] = df["sessions"] * UNIT_COST
by = df.groupby("cohort")[["cost", "benefit"]].sum()
ratio = by["benefit"] / by["cost"]
cost, benefit = df["cost"].sum(), df["benefit"].sum()
print(portfolio_json(len(df), len(by), cost, benefit,
                     [(d, benefit / cost * (1 - d)) for d in DEADWEIGHTS], ratio.max()))
