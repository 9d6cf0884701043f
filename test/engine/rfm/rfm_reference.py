#!/usr/bin/env python3
"""Independent RFM reference (pandas), for test/engine/rfm/*.test.ts.

  rfm_reference.py rfm ORDERS.csv AS_OF [POLICY]   -> JSON on stdout: {id: [recency, frequency, monetary, r, f, m]}
  rfm_reference.py generate DIR                     -> DIR/orders.csv (a small orders file) and DIR/reference.json

Orders files have Online Retail's columns: InvoiceNo, Quantity, InvoiceDate, UnitPrice, CustomerID.
Policies (see shared/contract/orders.ts): exclude-cancelled (default), net-all, purchases-only.
Cancellations are invoices starting with "C"; returns are other lines with a negative quantity or value.
Only lines dated up to AS_OF count; customers with no purchase left are not scored.
"""
import json
import random
import sys

import numpy as np
import pandas as pd


def read_orders(path):
    df = pd.read_csv(path, encoding="latin1", dtype={"InvoiceNo": str, "StockCode": str})
    df = df[df["CustomerID"].notna()].copy()
    df["id"] = df["CustomerID"].astype("int64").astype(str)
    df["day"] = pd.to_datetime(df["InvoiceDate"]).dt.normalize()
    df["value"] = df["Quantity"] * df["UnitPrice"]
    return df


def scores(values, higher_is_better):
    """Quintile scores 1-5 on ranks; ties share the score of their first rank."""
    key = values if higher_is_better else -values
    rank = key.rank(method="min") - 1
    return (1 + np.floor(5 * rank / len(values))).astype(int)


def rfm(df, as_of, policy="exclude-cancelled"):
    as_of = pd.Timestamp(as_of)
    df = df[df["day"] <= as_of]
    cancel = df["InvoiceNo"].str.startswith("C")
    ret = ~cancel & ((df["Quantity"] < 0) | (df["value"] < 0))
    purchase = ~cancel & ~ret
    netted = {"exclude-cancelled": ret, "net-all": ret | cancel, "purchases-only": ret & False}[policy]
    p = df[purchase]
    out = p.groupby("id").agg(last=("day", "max"), frequency=("InvoiceNo", "nunique"), spend=("value", "sum"))
    net = df[netted].assign(v=lambda d: d["value"].clip(upper=0)).groupby("id")["v"].sum()
    out["monetary"] = out["spend"] + net.reindex(out.index, fill_value=0.0)
    out["recency"] = (as_of - out["last"]).dt.days
    out["r"] = scores(out["recency"], False)
    out["f"] = scores(out["frequency"], True)
    out["m"] = scores(out["monetary"], True)
    return {i: [int(r.recency), int(r.frequency), float(r.monetary), int(r.r), int(r.f), int(r.m)] for i, r in out.iterrows()}


def generate(folder):
    rnd = random.Random(15)
    rows = []
    inv = 500000
    start = pd.Timestamp("2023-01-02")
    for c in range(1001, 1041):
        for _ in range(rnd.randint(1, 6)):
            inv += 1
            day = start + pd.Timedelta(days=rnd.randint(0, 360), minutes=rnd.randint(0, 600))
            lines = [(rnd.randint(1, 12), round(rnd.uniform(0.5, 20), 2)) for _ in range(rnd.randint(1, 3))]
            for q, pr in lines:
                rows.append((str(inv), q, day, pr, c))
            r = rnd.random()
            if r < 0.15:  # the whole invoice cancelled a few days later
                for q, pr in lines:
                    rows.append((f"C{inv}", -q, day + pd.Timedelta(days=rnd.randint(0, 5)), pr, c))
            elif r < 0.3:  # one item returned, booked as a negative line on a new invoice
                inv += 1
                q, pr = lines[0]
                rows.append((str(inv), -min(q, rnd.randint(1, 3)), day + pd.Timedelta(days=rnd.randint(1, 20)), pr, c))
    # Only a cancellation; a first purchase after the mid cut; a line with no customer.
    rows.append(("C600001", -2, pd.Timestamp("2023-03-01 10:00"), 5.0, 1100))
    rows.append(("600002", 3, pd.Timestamp("2023-11-20 09:00"), 4.0, 1101))
    rows.append(("600003", 1, pd.Timestamp("2023-05-01 09:00"), 4.0, None))
    df = pd.DataFrame(rows, columns=["InvoiceNo", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID"])
    df["InvoiceDate"] = df["InvoiceDate"].dt.strftime("%Y-%m-%d %H:%M")
    df["CustomerID"] = df["CustomerID"].astype("Int64")
    path = f"{folder}/orders.csv"
    df.to_csv(path, index=False)
    orders = read_orders(path)
    last = orders["day"].max().strftime("%Y-%m-%d")
    ref = {"dataEnd": last, "cuts": {}}
    for as_of in [last, "2023-06-30"]:
        ref["cuts"][as_of] = {policy: rfm(orders, as_of, policy) for policy in ["exclude-cancelled", "net-all", "purchases-only"]}
    with open(f"{folder}/reference.json", "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2])
    else:
        json.dump(rfm(read_orders(sys.argv[2]), sys.argv[3], *sys.argv[4:5]), sys.stdout)
