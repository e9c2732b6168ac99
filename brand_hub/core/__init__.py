"""Shared bases: the abstract page, the block library, per-locale site settings, demo content."""
