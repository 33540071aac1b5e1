"""Full-text search: the text rules and scan, the SQLite index, and which of them answers."""
