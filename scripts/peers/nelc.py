"""The NELC 2020 inputs every peer program reads, from the repository's own
data files (data/nelc_2020), so the peers and froi value the same things:
weekly unit values by status (with the aliases the tables print), the stated
cost of a conference, the deadweight scenarios, the Monte Carlo model.
Standard library only."""
import csv
import tomllib
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data" / "nelc_2020"
SCENARIO = tomllib.loads((DATA / "scenario_by_rule.toml").read_text())
# The valuation window (weeks) and the stated cost of one conference.
WEEKS = int(SCENARIO["valuation"]["window_weeks"])
UNIT_COST = float(SCENARIO["cost"]["stated_per_session"])
DEADWEIGHTS = [float(d["fraction"]) for d in SCENARIO["deadweight"]]


def state_ids():
    """{status id or alias, as the tables print it: state id}."""
    ids = {}
    with open(DATA / "states.csv", newline="") as f:
        for row in csv.DictReader(f):
            for name in [row["id"], *filter(None, row["aliases"].split(";"))]:
                ids[name] = row["id"]
    return ids


def weekly_by_state():
    """{state id: weekly value}; a state without a value (closed) is worth 0."""
    with open(DATA / "unit_values.csv", newline="") as f:
        return {row["status"]: float(row["amount"]) for row in csv.DictReader(f)}


def weekly_values():
    """{status id or alias: weekly value}; a closed case is worth 0."""
    by_id = weekly_by_state()
    return {name: by_id.get(i, 0.0) for name, i in state_ids().items()}


def published_families():
    """The 40 published families: (cohort, children, entry, exit, follow-up,
    sessions, exit month)."""
    with open(DATA / "families.csv", newline="") as f:
        return [
            (int(r["cohort"]), int(r["children"]), r["entry_status"], r["exit_status"],
             r["followup_status"], int(r["sessions"]), r["exit_month"])
            for r in csv.DictReader(f)
        ]


def monte_carlo_model():
    """The [uncertainty.monte_carlo] table: draws, seed and each input's distribution."""
    mc = SCENARIO["uncertainty"]["monte_carlo"]
    inputs = {i["parameter"]: i for i in mc["input"]}
    return mc, inputs, dict(SCENARIO["annual"])


def portfolio_json(families, cohorts, total_cost, total_benefit, bcr_by_deadweight, best):
    """The JSON the `portfolio` example prints, key for key."""
    num = lambda x, places: repr(round(float(x), places))
    bcr = ", ".join(
        f'"deadweight_{round(d * 100):d}": {num(r, 6)}' for d, r in bcr_by_deadweight
    )
    return (
        f'{{"families": {int(families)}, "cohorts": {int(cohorts)}, "total_cost": {num(total_cost, 2)}, '
        f'"total_benefit": {num(total_benefit, 2)}, "bcr": {{{bcr}}}, '
        f'"best_cohort_bcr": {num(best, 6)}}}'
    )
