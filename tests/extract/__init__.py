"""Tests of ``sitegen.extract``. A package, so that pytest imports this folder's conftest.py as
``extract.conftest``: as a top-level ``conftest`` it shadowed tests/conftest.py, from which
tests/test_memo.py and tests/test_parallel.py import their helpers."""
