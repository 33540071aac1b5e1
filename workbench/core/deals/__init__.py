"""The circular-deal ledger, its views, and scenarios started from a deal."""
