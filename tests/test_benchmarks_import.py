"""The benchmark scripts import what they use: a rename in the package must not break them
silently (they run only by hand, so nothing else would notice)."""

from __future__ import annotations

import importlib
import sys

import pytest

from tests.conftest import ROOT

SCRIPTS = sorted(p.stem for p in (ROOT / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("name", SCRIPTS)
def test_benchmark_script_imports(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    try:
        importlib.import_module(name)
    except ImportError as exc:
        if "zen" in str(exc):  # the optional engine it compares against (the bench extra)
            pytest.skip("zen-engine is not installed")
        raise
    finally:
        sys.modules.pop(name, None)
