# Sourced by site/run.sh: finds or starts the Elasticsearch the development server searches with.
#
# connect_elasticsearch, in this order:
#   - ELASTICSEARCH_URL set: that node, or those nodes (a cluster's URLs separated by commas), and
#     nothing is started (the URL is the caller's choice);
#   - a node already answers on 127.0.0.1:$ES_PORT (default 9200): that one;
#   - otherwise: starts one with site/elasticsearch/elasticsearch.sh and notes it in
#     STARTED_ELASTICSEARCH (its port), so that the caller stops only what it started.
# When no node can be had it says why and what to do, and returns 0: the site runs without search.
# It exports ELASTICSEARCH_URL and sets ELASTICSEARCH_AVAILABLE (1 or empty).
# disconnect_elasticsearch stops the node connect_elasticsearch started, and no other.

STARTED_ELASTICSEARCH=""
ELASTICSEARCH_AVAILABLE=""

# True when a node answers at $1, or at any of its comma-separated URLs (a cluster's nodes).
elasticsearch_answers() {
    local url
    for url in ${1//,/ }; do
        curl -fsS --max-time 5 "$url/_cluster/health" >/dev/null 2>&1 && return 0
    done
    return 1
}

connect_elasticsearch() {
    local runner log url
    runner="$(dirname "${BASH_SOURCE[0]}")/elasticsearch.sh"
    if [[ -n "${ELASTICSEARCH_URL:-}" ]]; then
        if elasticsearch_answers "$ELASTICSEARCH_URL"; then
            ELASTICSEARCH_AVAILABLE=1
            echo "Elasticsearch: using ELASTICSEARCH_URL=$ELASTICSEARCH_URL"
        else
            echo "Elasticsearch: nothing answers at ELASTICSEARCH_URL=$ELASTICSEARCH_URL; running" \
                "without search until it does (unset ELASTICSEARCH_URL to let make run start one)." >&2
        fi
        export ELASTICSEARCH_URL
        return 0
    fi
    url="http://127.0.0.1:${ES_PORT:-9200}"
    if elasticsearch_answers "$url"; then
        ELASTICSEARCH_AVAILABLE=1
        echo "Elasticsearch: using the node already answering at $url"
        export ELASTICSEARCH_URL="$url"
        return 0
    fi
    echo "Elasticsearch: starting a node on $url (the first time downloads it; make es-stop stops it)"
    log="$(mktemp -t brand-hub-elasticsearch.XXXXXX)"
    if url="$(bash "$runner" start 2>"$log" | sed -n 's/^ELASTICSEARCH_URL=//p' | tail -n 1)" \
        && [[ -n $url ]] && elasticsearch_answers "$url"; then
        STARTED_ELASTICSEARCH="${ES_PORT:-9200}"
        ELASTICSEARCH_AVAILABLE=1
        export ELASTICSEARCH_URL="$url"
        echo "Elasticsearch: up at $url"
    else
        export ELASTICSEARCH_URL="http://127.0.0.1:${ES_PORT:-9200}"
        {
            echo "Elasticsearch could not be started, so the site runs without search (the knowledge"
            echo "base and /api/search say so). What the runner said:"
            tail -n 15 "$log" | sed 's/^/    /'
            echo "Fix that, then run \`make es-start\` (or set ELASTICSEARCH_URL to a running node) and"
            echo "\`python manage.py search_worker --once\` to send what was written meanwhile."
        } >&2
    fi
    rm -f "$log"
    return 0
}

disconnect_elasticsearch() {
    [[ -n $STARTED_ELASTICSEARCH ]] || return 0
    echo "Stopping the Elasticsearch this run started"
    ES_PORT="$STARTED_ELASTICSEARCH" bash "$(dirname "${BASH_SOURCE[0]}")/elasticsearch.sh" stop || true
    STARTED_ELASTICSEARCH=""
}
