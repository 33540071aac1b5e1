"""The ROI model (docs/model.md): evaluation, IRR, and how inputs and results read."""
