"""Quotes as the viewer needs them: filtering, pairing, citations, Chinese amounts."""
