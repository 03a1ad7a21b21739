# Adviesmonitor: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help install run test lint format bench clean

help:
	@echo "make run      install, migrate, load the example letter, create demo users, serve on $(HOST_PORT) (SQLite)"
	@echo "make test     install and run the whole test suite (DATABASE_URL picks the database; default SQLite)"
	@echo "make install  create $(VENV) and install the project with its development tools"
	@echo "make lint     ruff check and format check"
	@echo "make bench    the benchmarks in bench/ (figures, not pass/fail)"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# `make run` is the embedded demo: SQLite next to the code, DEBUG on for the demo users.
run: export DEBUG := 1
run: export DATABASE_URL := sqlite:///db.sqlite3
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py laad_voorbeeld
	$(BIN)/python manage.py maak_demogebruikers
	$(BIN)/python manage.py runserver $(HOST_PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The PDF figures run anywhere; the scale benchmarks need PostgreSQL in DATABASE_URL.
bench: install
	$(BIN)/python bench/pdf.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
