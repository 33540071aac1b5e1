"""The user's config file and the session state kept per data directory."""
