"""The data directory: its layout, the model, loading and validation (every problem at path:line)."""
