#!/usr/bin/env python3
"""Peer: Monte Carlo of the annual NELC benefit-cost ratio with numpy, the
model of the `[uncertainty.monte_carlo]` table of
data/nelc_2020/scenario_by_rule.toml (the `montecarlo` example's model):
each weekly value, the conferences a year and the service cost triangular,
deadweight uniform, drawn independently; cohort one's average benefit
recomputed from each draw's weekly values (follow-up status, 52 weeks, no
benefit for a deterioration); ratio = average benefit x conferences x
(1 - deadweight) / service cost. Prints the JSON of the `montecarlo` example.

usage: montecarlo_numpy.py DRAWS [SEED]
"""
import sys

import numpy as np

from nelc import WEEKS, monte_carlo_model, published_families, state_ids, weekly_by_state

draws = int(sys.argv[1])
rng = np.random.default_rng(int(sys.argv[2]) if len(sys.argv) > 2 else 2020)
mc, inputs, annual = monte_carlo_model()
ids = state_ids()


def draw(name):
    spec = inputs[name]
    low, high = float(spec["low"]), float(spec["high"])
    if spec["distribution"] == "uniform":
        return rng.uniform(low, high, draws)
    return rng.triangular(low, float(spec["mode"]), high, draws)


# A family's benefit is linear in the weekly values: children x 52 for the
# entry status, minus the same for the follow-up status, floored at zero.
# Flooring depends on the draw, so each family is computed per draw.
# Every valued state is drawn (the model names each); a closed case is 0.
weekly = {s: draw(f"unit_value.{s}") for s in weekly_by_state()}
zero = np.zeros(draws)
cohort = [f for f in published_families() if f[0] == int(annual["basis_cohort"])]
total = np.zeros(draws)
for _, children, entry, _, follow, _, _ in cohort:
    e, u = weekly.get(ids[entry], zero), weekly.get(ids[follow], zero)
    total += children * np.maximum(e - u, 0) * WEEKS
average = total / len(cohort)
ratio = average * draw("cases_per_year") * (1 - draw("deadweight")) / draw("service_cost")
p5, p50, p95 = np.percentile(ratio, [5, 50, 95])
r4 = lambda x: round(float(x), 4)
print(f'{{"draws": {draws}, "mean": {r4(ratio.mean())}, "p5": {r4(p5)}, "p50": {r4(p50)}, '
      f'"p95": {r4(p95)}, "p_ratio_above_1": {r4((ratio > 1).mean())}}}')
