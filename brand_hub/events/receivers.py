"""The owning apps' signals turned into events, in the same transaction as their change."""
