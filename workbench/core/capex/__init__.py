"""Capex maths: company summaries, TTM, series by basis, calendar alignment, guidance ledgers."""
