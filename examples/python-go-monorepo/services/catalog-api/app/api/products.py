import httpx
import pybreaker
from fastapi import APIRouter
from pydantic import BaseModel
from tenacity import retry, stop_after_attempt, wait_exponential_jitter

from app.settings import settings

router = APIRouter()
pricing_breaker = pybreaker.CircuitBreaker(fail_max=5, reset_timeout=30)


class Product(BaseModel):
    sku: str
    name: str
    category: str
    price_cents: int | None = None


@retry(stop=stop_after_attempt(3), wait=wait_exponential_jitter(initial=0.1, max=1))
@pricing_breaker
def price_of(sku: str) -> int:
    response = httpx.get(f"{settings.pricing_api_url}/v1/prices/{sku}", timeout=2.0)
    response.raise_for_status()
    return int(response.json()["priceCents"])


@router.get("/products/{sku}")
def get_product(sku: str) -> Product:
    return Product(sku=sku, name="Example", category="demo", price_cents=price_of(sku))
