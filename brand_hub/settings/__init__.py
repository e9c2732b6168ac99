"""Settings per environment: base reads the environment, the others adjust it."""
