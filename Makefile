# CodeCohort: `make run` starts the LMS on http://localhost:8000, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: run test worker beat migrate seed superuser clean check bench bench-search

# Reinstall only when a requirements file changed, so a second `make run` is quick.
$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

migrate: $(VENV)/.installed
	$(PY) manage.py migrate --noinput

# Code sets and the Index load once (under a minute the first time); later runs see them loaded and skip.
seed: migrate
	$(PY) manage.py load_icd10cm
	$(PY) manage.py load_icd10cm_index
	$(PY) manage.py load_hcpcs codesets/data/hcpcs-sample.txt
	$(PY) manage.py load_hcpcs codesets/data/HCPC2025_OCT_ANWEB.xlsx
	$(PY) manage.py seed_demo

run: seed
	@echo "CodeCohort on http://localhost:$(PORT)/ (Northwind) and http://riverside.localhost:$(PORT)/ (Riverside)"
	$(PY) manage.py runserver $(PORT)

test: $(VENV)/.installed
	$(PY) -m pytest

worker: $(VENV)/.installed
	$(VENV)/bin/celery -A lms worker --loglevel=info --concurrency=2

beat: $(VENV)/.installed
	$(VENV)/bin/celery -A lms beat --loglevel=info --schedule=/tmp/codecohort-celerybeat-schedule

# The load bench (bench/run.py): seeds sizes S and M into its own PostgreSQL database, serves them with
# gunicorn and production settings, runs the student and staff journeys and writes bench/RESULTS.md
# (and the raw figures to bench/results.json).
# Needs PostgreSQL and Redis; it never uses DATABASE_URL, so a development database is never seeded.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/codecohort_bench
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/3
BENCH_SIZES ?= S,M
bench: $(VENV)/.installed
	$(PY) bench/run.py --size $(BENCH_SIZES) --seed --database-url $(BENCH_DATABASE_URL) \
		--redis-url $(BENCH_REDIS_URL) --results bench/RESULTS.md --json bench/results.json

# Search speed over ICD-10-CM plus HCPCS; DATABASE_URL=postgres://... measures PostgreSQL.
bench-search: migrate
	$(PY) bench/search.py

superuser: migrate
	$(PY) manage.py createsuperuser

check: $(VENV)/.installed
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media artifacts .pytest_cache
