"""Rendering of results: text for people, JSON for machines.  Nothing here computes."""
