"""Accounts: the custom user model every person in Brand Hub signs in with."""
