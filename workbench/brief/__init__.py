"""Briefs: gather a brief's content from the project and print it as a PDF."""
