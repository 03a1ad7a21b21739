# Adviesmonitor: the two commands a new user needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST_PORT ?= 127.0.0.1:8000

.PHONY: help install run serve test lint format bench bench-last clean

help:
	@echo "make run      install, migrate, load the example letter, create demo users, serve on $(HOST_PORT) (SQLite)"
	@echo "make test     install and run the whole test suite (DATABASE_URL picks the database; default SQLite)"
	@echo "make serve    the production configuration on this machine: gunicorn over HTTPS on $(SERVE_BIND),"
	@echo "              PostgreSQL ($(SERVE_DATABASE_URL)), Redis cache and a PDF worker"
	@echo "make install  create $(VENV) and install the project with its development tools"
	@echo "make lint     ruff check and format check"
	@echo "make bench    the benchmarks in bench/ (figures, not pass/fail)"
	@echo "make bench-last  the load benchmark (PostgreSQL in DATABASE_URL, Redis)"

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

# `make serve` is the production configuration on a workstation: DEBUG off, gunicorn with
# whitenoise, PostgreSQL, Redis for the cache and the PDF queue, one rq worker for the PDFs.
# HTTPS comes from a self-signed certificate so the secure cookies, HSTS and the redirect
# work exactly as in production. The secret key is made once and kept in .serve/ (never
# committed); a deployment sets SECRET_KEY itself (docs/deploy.md).
SERVE_DIR := .serve
SERVE_BIND ?= 127.0.0.1:8443
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/adviesmonitor
SERVE_REDIS_URL ?= redis://127.0.0.1:6379/0

$(SERVE_DIR)/secret_key:
	@mkdir -p $(SERVE_DIR) && chmod 700 $(SERVE_DIR)
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(64))" > $@

$(SERVE_DIR)/cert.pem:
	@mkdir -p $(SERVE_DIR)
	openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj "/CN=localhost" \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout $(SERVE_DIR)/key.pem -out $@ 2>/dev/null

serve: export DEBUG := 0
serve: export DATABASE_URL := $(SERVE_DATABASE_URL)
serve: export REDIS_URL := $(SERVE_REDIS_URL)
serve: export ALLOWED_HOSTS := 127.0.0.1,localhost
serve: export GUNICORN_BIND := $(SERVE_BIND)
serve: export GUNICORN_CERTFILE := $(SERVE_DIR)/cert.pem
serve: export GUNICORN_KEYFILE := $(SERVE_DIR)/key.pem
serve: install $(SERVE_DIR)/secret_key $(SERVE_DIR)/cert.pem
	$(BIN)/python -m adviesmonitor.database_aanmaken "$$DATABASE_URL"
	SECRET_KEY="$$(cat $(SERVE_DIR)/secret_key)" $(BIN)/python manage.py migrate --noinput
	SECRET_KEY="$$(cat $(SERVE_DIR)/secret_key)" $(BIN)/python manage.py collectstatic --noinput -v 0
	SECRET_KEY="$$(cat $(SERVE_DIR)/secret_key)" $(BIN)/python manage.py laad_voorbeeld
	SECRET_KEY="$$(cat $(SERVE_DIR)/secret_key)" $(BIN)/python manage.py check --deploy --fail-level WARNING
	@echo "== https://$(SERVE_BIND)/ (self-signed certificate); a first user:"
	@echo "   DATABASE_URL=$(SERVE_DATABASE_URL) SECRET_KEY=\$$(cat $(SERVE_DIR)/secret_key) $(BIN)/python manage.py createsuperuser"
	export SECRET_KEY="$$(cat $(SERVE_DIR)/secret_key)"; \
		$(BIN)/python manage.py rqworker pdf & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/gunicorn -c adviesmonitor/gunicorn.conf.py

# One pytest process per core (pytest-xdist), each with its own test database; a file's tests
# stay together so its module fixtures are built once. TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
test: install
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The PDF figures run anywhere; the scale benchmarks need PostgreSQL in DATABASE_URL.
bench: install
	$(BIN)/python bench/pdf.py

# The load benchmark: 50 users for 60 s against gunicorn, Redis and PostgreSQL with 10,000
# generated reports (DATABASE_URL must name a PostgreSQL database; it is created when missing).
bench-last: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/last.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles $(SERVE_DIR)
