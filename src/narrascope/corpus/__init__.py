"""Corpus intelligence over a stored corpus: duplicates, story clusters, trends, emerging narratives."""
