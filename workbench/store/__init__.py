"""The project file: schema, safe opening, queries, share copy and check. No Qt."""
