"""Development tools, not shipped with the `clippings` package: the benchmark and its corpora.

Run from a checkout with the test extra installed (`make setup-test`):
`python -m tools.bench --help`.
"""
