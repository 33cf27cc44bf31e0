from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str
    redis_url: str
    amqp_url: str
    pricing_api_url: str
    jwt_issuer: str
    sentry_dsn: str = ""


settings = Settings()
