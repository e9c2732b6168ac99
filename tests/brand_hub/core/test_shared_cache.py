"""The shared cache of CACHE_URL: what one web process writes there, every other one reads."""

from django.core.cache import caches


def test_a_value_cached_by_one_process_is_read_by_another(shared_cache):
    other_process = caches.create_connection("default")

    shared_cache.set("greeting", "hola", timeout=60)

    assert other_process.get("greeting") == "hola"
    assert other_process is not shared_cache


def test_a_counter_incremented_by_two_clients_counts_every_increment(shared_cache):
    other_process = caches.create_connection("default")
    shared_cache.add("counter", 0, timeout=60)

    for _ in range(5):
        shared_cache.incr("counter")
        other_process.incr("counter")

    assert shared_cache.get("counter") == 10
