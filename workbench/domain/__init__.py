"""Plain data and the rules of the field. Imports nothing else of ours, and no Qt or SQL."""
