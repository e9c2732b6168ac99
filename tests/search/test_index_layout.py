"""Shards and replicas of the search indices: chosen from the corpus and the cluster, kept by rebuilds,
and reported with the indices' health by search_check."""

from io import StringIO

import pytest

from django.core.management import call_command

from search.indices.comments import COMMENTS
from search.indices.layout import DOCUMENTS_PER_SHARD, shard_count
from search.rebuild import rebuild
from tests.brand_hub.community.calls import say


def command(name: str, *args: str) -> str:
    out = StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def index_settings(elasticsearch, index: str) -> dict:
    (settings,) = elasticsearch.indices.get_settings(index=index).values()
    return settings["settings"]["index"]


def test_one_shard_holds_a_corpus_until_it_outgrows_one_then_one_per_data_node_at_most():
    assert shard_count(documents=0, data_nodes=3) == 1
    assert shard_count(documents=1_000_000, data_nodes=3) == 1
    assert shard_count(documents=DOCUMENTS_PER_SHARD, data_nodes=3) == 2  # room to double first
    assert shard_count(documents=10 * DOCUMENTS_PER_SHARD, data_nodes=3) == 3
    assert shard_count(documents=10 * DOCUMENTS_PER_SHARD, data_nodes=1) == 1


def test_elasticsearch_shards_fixes_the_shard_count(settings):
    settings.ELASTICSEARCH_SHARDS = 4
    assert shard_count(documents=10, data_nodes=1) == 4


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_on_one_node_an_index_has_one_shard_no_replica_and_is_green(elasticsearch, comments_index):
    (index,) = COMMENTS.alias_holders()
    layout = index_settings(elasticsearch, index)
    assert (layout["number_of_shards"], layout["number_of_replicas"]) == ("1", "0")
    assert layout["auto_expand_replicas"] == "0-1"  # a replica as soon as a second node joins
    output = command("search_check")
    assert f"{index}: green, 1 primary shard(s), 0 replica(s), 1 shard copies active" in output
    assert ": green, 1 node(s): brand-hub-" in output


@pytest.fixture
def rebuilt_with_replicas(elasticsearch, index_prefix, post, lucia, settings):
    """rebuild("comments") of one comment with ELASTICSEARCH_REPLICAS set; the new index and its settings."""

    def rebuilt(replicas: int) -> tuple[str, dict]:
        say(lucia, post, "Uno")
        settings.ELASTICSEARCH_REPLICAS = replicas
        rebuild("comments")
        (index,) = COMMENTS.alias_holders()
        return index, index_settings(elasticsearch, index)

    return rebuilt


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_a_rebuild_loads_without_replicas_and_serves_with_the_configured_ones(rebuilt_with_replicas):
    _index, layout = rebuilt_with_replicas(0)
    assert (layout["number_of_replicas"], layout["auto_expand_replicas"], layout["refresh_interval"]) == (
        "0",
        "false",
        "1s",
    )


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_a_replica_the_only_node_cannot_hold_leaves_the_index_yellow_and_search_check_says_so(
    rebuilt_with_replicas,
):
    index, layout = rebuilt_with_replicas(1)  # the rebuild does not wait for a copy with nowhere to go
    assert layout["number_of_replicas"] == "1"
    output = command("search_check")
    assert f"{index}: yellow, 1 primary shard(s), 1 replica(s), 1 shard copies active, 1 unassigned" in output
    assert "comments: database 1, index 1, waiting 0, drift +0" in output
