"""Payback metrics: revenue, cash flow, cloud revenue and backlog beside the capex, traced to their rows."""
