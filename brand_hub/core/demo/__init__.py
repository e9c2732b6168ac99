"""The demo seeder: the Senda brand destination in Spanish, English and Polish, built idempotently."""

from .activity import activity_inventory
from .assets import DemoContentError
from .content import SeedReport, demo_inventory, seed_demo

__all__ = ["DemoContentError", "SeedReport", "activity_inventory", "demo_inventory", "seed_demo"]
