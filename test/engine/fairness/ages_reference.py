#!/usr/bin/env python3
"""Independent age-band reference (pandas), for test/engine/fairness/ages.test.ts.

  ages_reference.py FILE.csv SEPARATOR BIRTH_YEAR_COLUMN DATE_COLUMN DATE_FORMAT
    -> JSON {"asOf": latest DATE_COLUMN (yyyy-mm-dd), "bands": {band: customers}}

Age = the as-of year minus the birth year (the age reached in the as-of year); the usual bands.
"""
import json
import sys

import pandas as pd

path, sep, col, date_col, fmt = sys.argv[1:6]
df = pd.read_csv(path, sep=sep)
as_of = pd.to_datetime(df[date_col], format=fmt).max()
age = as_of.year - df[col]
edges = [-float("inf"), 18, 25, 35, 45, 55, 65, float("inf")]
labels = ["under 18", "18–24", "25–34", "35–44", "45–54", "55–64", "65+"]
bands = pd.cut(age, bins=edges, labels=labels, right=False).value_counts()
json.dump({"asOf": as_of.strftime("%Y-%m-%d"), "bands": {k: int(v) for k, v in bands.items() if v > 0}}, sys.stdout, ensure_ascii=False)
