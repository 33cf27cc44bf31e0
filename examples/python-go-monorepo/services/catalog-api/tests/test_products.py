from fastapi.testclient import TestClient

from app.main import app


def test_healthz_answers_ok() -> None:
    assert TestClient(app).get("/healthz").json() == {"status": "ok"}
