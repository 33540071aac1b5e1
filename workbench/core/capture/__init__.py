"""Capture: new documents, pinned quotes and the links from figures and scenario inputs to them."""
