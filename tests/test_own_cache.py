"""The suite never reads or writes the user's parse cache, nor the secret that seals it: a
test has folders of its own (conftest `_own_cache`), and so has what a module's fixture
screens before any test's folders exist (`_session_cache`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dealerscreen.intake import cache, cachekey


def _folders() -> dict[str, Path]:
    return {"cache": Path(cache.default_dir()), "state": Path(cachekey.folder())}


@pytest.fixture(scope="module")
def seen_by_a_module_fixture() -> dict[str, Path]:
    """Where a module's fixture (the letters a module's tests read) screens."""
    return _folders()


def test_a_module_fixture_uses_no_folder_of_the_user(
    seen_by_a_module_fixture: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DEALERSCREEN_CACHE_DIR")
    monkeypatch.delenv("DEALERSCREEN_STATE_DIR")
    users = _folders()  # where a run keeps them when nothing says otherwise
    for name, folder in seen_by_a_module_fixture.items():
        assert folder != users[name], folder


def test_each_test_has_folders_of_its_own(seen_by_a_module_fixture: dict[str, Path]) -> None:
    mine = _folders()
    assert mine["cache"] != seen_by_a_module_fixture["cache"]  # the session's, not a test's
    assert mine["state"] != seen_by_a_module_fixture["state"]
    assert os.environ["DEALERSCREEN_CACHE_DIR"] == str(mine["cache"])
