"""Share links prosumers create for pages and ideas, and the visits they bring (reach)."""
