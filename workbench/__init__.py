"""AI Capex Workbench."""
