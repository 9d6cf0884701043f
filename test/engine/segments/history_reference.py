"""Customers selected by order-history conditions on an Online Retail-style file, computed with pandas
independently of SegmentDesk (the reference for test/engine/segments/history-cli.test.ts).

Lines as the customer view reads them (policy exclude-cancelled): invoices "C<digits>" are cancellations
and are left out; other lines with a negative quantity or value are returns, subtracted from spend and
not purchases; orders = distinct invoices of purchase lines. The as-of date is the file's last date; a
window "in the last N days" holds the days from as-of minus N to as-of, both included.

usage: history_reference.py FILE -> JSON {"asOf", "customers", "counts": {name: customers selected}}
"""
import json
import sys

import pandas as pd

df = pd.read_csv(sys.argv[1], dtype={"CustomerID": str, "InvoiceNo": str, "StockCode": str}, encoding="cp1252")
df["day"] = pd.to_datetime(df["InvoiceDate"], format="%m/%d/%Y %H:%M").dt.normalize()
as_of = df["day"].max()
df = df[df["CustomerID"].notna() & (df["CustomerID"] != "")].copy()
df["value"] = df["Quantity"] * df["UnitPrice"]
cancel = df["InvoiceNo"].str.match(r"^[Cc][0-9]")
ret = ~cancel & ((df["Quantity"] < 0) | (df["value"] < 0))
df["purchase"] = ~cancel & ~ret
df["returned"] = ret
customers = df["CustomerID"].unique()


def per_customer(lines, measure, of=None):
    """The measure per customer over `lines` (already windowed and filtered); every customer of the file present."""
    p = lines[lines["purchase"]]
    orders = p.groupby("CustomerID")["InvoiceNo"].nunique().reindex(customers).fillna(0)
    if measure == "count":
        return orders
    if measure == "distinct":
        return p.groupby("CustomerID")[of].nunique().reindex(customers).fillna(0)
    x = of or "value"
    spend = p.groupby("CustomerID")[x].sum().reindex(customers).fillna(0)
    r = lines[lines["returned"]]
    spend = spend + r[x].clip(upper=0).groupby(r["CustomerID"]).sum().reindex(customers).fillna(0)
    spend[orders == 0] = 0
    if measure == "sum":
        return spend
    return (spend / orders).where(orders > 0)


def window(days=None, between=None):
    if days is not None:
        return df[(df["day"] >= as_of - pd.Timedelta(days=days)) & (df["day"] <= as_of)]
    lo, hi = (pd.Timestamp(x) for x in between)
    return df[(df["day"] >= lo) & (df["day"] <= min(hi, as_of))]


last90 = window(days=90)
last180 = window(days=180)
# 12 months back from 2011-12-09 is 2010-12-09 (calendar months).
last12m = window(between=["2010-12-09", "2011-12-09"])
second_half = window(between=["2011-06-01", "2011-12-31"])
counts = {
    "orders3_90d": int((per_customer(last90, "count") >= 3).sum()),
    "none_180d": int((per_customer(last180, "count") == 0).sum()),
    "heart_twice": int((per_customer(second_half[second_half["StockCode"] == "85123A"], "count") >= 2).sum()),
    "spend500_12m": int((per_customer(last12m, "sum") > 500).sum()),
    "products50_180d": int((per_customer(last180, "distinct", "StockCode") >= 50).sum()),
    "avg_qty": int((per_customer(df, "avg", "Quantity").between(100, 500)).sum()),
}
json.dump({"asOf": as_of.strftime("%Y-%m-%d"), "customers": len(customers), "counts": counts}, sys.stdout)
