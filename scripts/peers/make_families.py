#!/usr/bin/env python3
"""A synthetic family table of N rows in froi's canonical CSV layout, each row
a published NELC family (data/nelc_2020/families.csv) drawn at random, in
three cohorts. For benchmarks only: the rows are real families repeated, not
new data.

usage: make_families.py N [SEED] > families.csv
"""
import random
import sys

from nelc import published_families

n = int(sys.argv[1])
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 2020)
rows = published_families()
out = sys.stdout
out.write("cohort,family,children,entry_status,exit_status,followup_status,sessions,exit_month\n")
for i in range(n):
    _, children, entry, exit_, follow, sessions, month = rng.choice(rows)
    out.write(f"{i % 3 + 1},{i + 1},{children},{entry},{exit_},{follow},{sessions},{month}\n")
