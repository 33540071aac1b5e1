"""Importing SEC EDGAR companyfacts files: read, label periods, plan, write."""
