# Brand Hub: `make run` serves the demo, `make test` is the one test command (CI runs it too).

.DEFAULT_GOAL := help
SHELL := /bin/bash
VENV_BIN := .venv/bin
# Extra pytest arguments for `make test`, e.g. make test ARGS="-k ideas -x".
ARGS ?=

.PHONY: help run test lint format pg-start pg-stop pg-replica-start pg-replica-stop es-start es-stop redis-start redis-stop topology topology-stop bench bench-community bench-search bench-sentiment bench-insights bench-relevance bench-frontend bench-topology bench-live bench-feed bench-digests bench-mentions bench-triage

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

run: ## Bootstrap, connect or start Elasticsearch, migrate, seed the demo, serve the API on :8000 and the frontend on :3000
	bash site/run.sh

test: ## Ruff, frontend checks and build, Django checks, pytest and browser tests on PostgreSQL + Elasticsearch, SQLite smoke pass (ARGS go to pytest)
	bash site/test.sh $(ARGS)

lint: ## Ruff lint and format check, as the test command runs them
	bash site/bootstrap.sh
	$(VENV_BIN)/ruff check .
	$(VENV_BIN)/ruff format --check .

format: ## Sort imports and format the code with ruff
	bash site/bootstrap.sh
	$(VENV_BIN)/ruff check --select I --fix .
	$(VENV_BIN)/ruff format .

pg-start: ## Start the development PostgreSQL on 127.0.0.1:5433 (PG_PORT) and print its DATABASE_URL
	bash site/postgres/postgres.sh start

pg-stop: ## Stop the development PostgreSQL
	bash site/postgres/postgres.sh stop

pg-replica-start: ## Start a streaming replica of it on PG_PORT+100 (PG_REPLICA_PORT) and print its DATABASE_REPLICA_URL
	bash site/postgres/postgres.sh start-replica

pg-replica-stop: ## Stop the streaming replica
	bash site/postgres/postgres.sh stop-replica

es-start: ## Start the development Elasticsearch on 127.0.0.1:9200 (ES_PORT) and print its ELASTICSEARCH_URL
	bash site/elasticsearch/elasticsearch.sh start

es-stop: ## Stop the development Elasticsearch
	bash site/elasticsearch/elasticsearch.sh stop

redis-start: ## Start the shared cache (Redis) on 127.0.0.1:6379 (REDIS_PORT) and print its CACHE_URL
	bash site/redis/redis.sh start

redis-stop: ## Stop the shared cache (Redis)
	bash site/redis/redis.sh stop

topology: ## Production topology on loopback: nginx :8080 (TOPOLOGY_PORT), 2 web nodes, 2+2 workers, Redis, PostgreSQL + replica, 3 ES nodes
	bash site/topology.sh start

topology-stop: ## Stop everything `make topology` started
	bash site/topology.sh stop

bench: ## Run the benchmarks and print each figure beside its baseline
	bash benchmarks/run.sh

bench-community: ## Community writes on PostgreSQL: 50 prosumers for 60 s, latency per action, exact counts
	bash benchmarks/community_writes.sh

bench-search: ## Knowledge search: 1M comments (BENCH_COMMENTS) beside 1M mentions (BENCH_MENTIONS), rebuild/s, query p95 at 1 and 8 clients vs PostgreSQL, indexing lag
	bash benchmarks/search.sh

bench-mentions: ## Mentions ingest through the endpoint in batches of 1,000 (BENCH_MENTIONS, 100k), an Elasticsearch restart half-way, mentions/s vs >= 1,000 and nothing lost
	bash benchmarks/mentions_ingest.sh

bench-relevance: ## Search relevance: recall@10, MRR, nDCG@10 per language and subset on labelled queries, vs PostgreSQL FTS and the previous analysis (PostgreSQL and Elasticsearch running)
	bash site/bootstrap.sh
	$(VENV_BIN)/python benchmarks/search_relevance.py

bench-sentiment: ## Sentiment accuracy and macro-F1 per language (tuning, held-out), write-path p95, beside the pre-issue-16 baseline and the targets
	bash site/bootstrap.sh
	$(VENV_BIN)/python benchmarks/sentiment_accuracy.py

bench-triage: ## Spam and abuse triage: precision and recall of holding per language, label and part (tuning, held-out) vs >= 0.9 at >= 0.7, CPU p95 per text vs < 5 ms
	bash site/bootstrap.sh
	$(VENV_BIN)/python benchmarks/triage.py $(ARGS)

bench-insights: ## Insights dashboard on 1M comments, 100k ideas (BENCH_COMMENTS, BENCH_IDEAS): refreshes, p50/p95 vs < 1 s
	bash benchmarks/insights.sh

bench-live: ## Live updates: 1000 SSE clients (BENCH_CLIENTS) on one page via ASGI, comments at BENCH_RATE/s, commit-to-client p50/p95/p99 vs p95 < 1 s
	bash benchmarks/live_updates.sh

bench-feed: ## Personal feed of a prosumer following 50 things at 1M comments (BENCH_COMMENTS): first and next page p50/p95 vs p95 < 100 ms
	bash benchmarks/feed.sh

bench-digests: ## Digests: a daily run for 50k subscribers (BENCH_DIGEST_PEOPLE) to an SMTP sink, minutes and mails/s vs "in minutes", and a rerun that sends nothing
	bash benchmarks/digests.sh

bench-topology: ## Web scaling: content reads and community writes through nginx with 1 and 2 web nodes, req/s, p95, CPU per part, what a second machine adds
	bash benchmarks/topology.sh

bench-frontend: ## Lighthouse (desktop) on the frontend's production build: score, LCP, CLS, TBT per page vs score >= 90, LCP < 2.5 s
	bash benchmarks/lighthouse.sh
