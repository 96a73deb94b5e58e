"""Output formats: one module per format, all reading `Finding` records."""
