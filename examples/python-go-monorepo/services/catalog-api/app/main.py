import sentry_sdk
import structlog
from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator

from app.api import products
from app.settings import settings

sentry_sdk.init(dsn=settings.sentry_dsn or None, traces_sample_rate=0.0)
structlog.configure(processors=[structlog.processors.add_log_level, structlog.processors.TimeStamper(fmt="iso"), structlog.processors.JSONRenderer()])

app = FastAPI(title="catalog-api", version="2.4.0")
app.include_router(products.router, prefix="/v1")
Instrumentator().instrument(app).expose(app)


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}
