"""Segments of consenting prosumers for the brand's campaigns, built from rules and exported with a log."""
