"""Scenario files: load, save, edit, create, notes and export."""
