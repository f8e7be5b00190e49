#!/usr/bin/env python3
"""Restate JSON written before the one model (froi <= 6fd2fb0) in its shape.

An appraisal was a scenario's family results with `scenario` (its name) and
`over_time` beside them, or, for a programme file, the present values alone;
it is now `{name, family_source, over_time}`. An audit's two appraisals are
family results alone, and the audit carries the name. Nothing else moves: a
figure that differs after this restatement is a real difference.

    scripts/reshape-one-model.py FILE.json [NAME]   (rewrites FILE.json)

NAME is the programme's name, needed only for a programme file's JSON (the
old JSON did not carry it).
"""
import json
import sys

FAMILY_KEYS = ["rule", "states", "values", "benefit_basis", "unit_cost", "families",
               "cohorts", "overall", "net_of_deadweight", "annual"]


def family_part(old):
    return {k: old[k] for k in FAMILY_KEYS}


def reshape(doc, name):
    if "as_published" in doc:  # an audit
        new = {"name": doc["as_published"]["scenario"]}
        for k, v in doc.items():
            new[k] = family_part(v) if k in ("as_published", "by_rule") else v
        return new
    if "scenario" in doc and "rule" in doc:  # a scenario's appraisal
        new = {"name": doc["scenario"], "family_source": family_part(doc),
               "over_time": doc["over_time"]}
    else:  # a programme's present values
        rest = {k: v for k, v in doc.items() if k != "uncertainty"}
        new = {"name": name, "family_source": None, "over_time": rest}
    if "uncertainty" in doc:
        new["uncertainty"] = doc["uncertainty"]
    return new


def main():
    path = sys.argv[1]
    name = sys.argv[2] if len(sys.argv) > 2 else None
    with open(path) as f:
        doc = json.load(f)
    with open(path, "w") as f:
        json.dump(reshape(doc, name), f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
