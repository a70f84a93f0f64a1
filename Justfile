# Humans and CI run the same tasks.
check: lint types test

lint:
    ruff check src tests benchmarks
    ruff format --check src tests benchmarks

types:
    mypy

test:
    pytest

slow:
    pytest -m slow

bench:
    python benchmarks/throughput.py --corpus news-2017 --n 300
    python benchmarks/throughput.py --corpus wcep --n 3000

# event coding against ../shared/eval gold; exits 1 below a floor in benchmarks/baselines/events.json
eval-events:
    python benchmarks/eval_events.py --check
