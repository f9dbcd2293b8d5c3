"""Fixtures of the worker tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from app.core.config import Settings
from app.worker.runner import Worker
from tests.worker.support import FAST


@pytest.fixture
def fast_settings(app: FastAPI, settings: Settings) -> Iterator[Settings]:
    """The app, for this test, accepts loopback receivers and retries at once. (Set and put
    back by hand: pytest's monkeypatch deletes a Starlette `State` attribute on undo.)"""
    configured = settings.model_copy(update=FAST)
    original = app.state.settings
    app.state.settings = configured
    yield configured
    app.state.settings = original


@pytest.fixture
def worker(app: FastAPI, engine: Engine, fast_settings: Settings) -> Iterator[Worker]:
    made = Worker(engine, fast_settings, app.state.cipher, schedule=False, name="test-worker")
    yield made
    made.stop()
