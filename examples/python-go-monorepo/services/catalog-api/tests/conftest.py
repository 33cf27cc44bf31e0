import os

os.environ.setdefault("DATABASE_URL", "postgresql+psycopg://catalog:catalog@localhost:5432/catalog")
os.environ.setdefault("REDIS_URL", "redis://localhost:6379/0")
os.environ.setdefault("AMQP_URL", "amqp://guest:guest@localhost:5672/")
os.environ.setdefault("PRICING_API_URL", "http://pricing.test")
os.environ.setdefault("JWT_ISSUER", "https://login.test/")
