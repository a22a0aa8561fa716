"""Pure analysis of a validated Org: plain, ordered data and no I/O."""
