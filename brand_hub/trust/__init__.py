"""Trust levels and suspensions: how freely an account may contribute, explained to moderators."""
