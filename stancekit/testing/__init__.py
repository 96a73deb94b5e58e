"""Rule tests: examples and counter-examples run against the rules that carry them."""
