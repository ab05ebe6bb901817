"""I/O adapters: the store, configuration, logging, the health server and backups."""
