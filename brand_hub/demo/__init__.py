"""The demo seeder: the Senda brand destination in Spanish, English and Polish, built idempotently."""
