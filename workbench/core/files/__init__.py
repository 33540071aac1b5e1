"""Writing and caching files safely: atomic replacement, the parsed-TOML cache."""
