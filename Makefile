# Pathfinder: `make chat` to talk to the bot, `make test` to run everything.
# Each target does its own set-up on a fresh machine (venv, database, model) and skips what is
# already up to date.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 3
export PYTHONPATH := $(CURDIR)

RASA_PORT ?= 5005
ACTIONS_PORT ?= 5055
MODEL := models/pathfinder.tar.gz

.PHONY: help venv db nlu-data model validate chat serve test lint bench test-scale clean

help:
	@echo "make chat   - set everything up and chat with Pathfinder in the terminal"
	@echo "make test   - set everything up and run the whole test suite"
	@echo "make serve  - Rasa server (REST, web widget, and Slack/Teams when configured) + actions"
	@echo "make bench  - benchmark against two stock Rasa bots and write docs/benchmarks.md"

venv:
	@bash scripts/venv.sh

db: venv
	@$(PY) -m knowledge load

nlu-data: venv
	@$(PY) -m knowledge nlu-export --out bot/data/generated

model: venv nlu-data
	@bash scripts/train.sh $(MODEL)

validate: model
	$(RASA) data validate --domain bot/domain --data bot/data --config config.yml --fail-on-warnings

lint: venv
	$(VENV)/bin/ruff check .

chat: db model
	@bash scripts/chat.sh $(MODEL)

serve: db model
	@bash scripts/serve.sh $(MODEL)

test: db model
	@bash scripts/test.sh $(MODEL)

test-scale: db model
	@bash scripts/test-scale.sh $(MODEL)

bench: db model
	@$(PY) -m scripts.bench --model $(MODEL)

clean:
	rm -rf models .rasa results artifacts bot/data/generated
