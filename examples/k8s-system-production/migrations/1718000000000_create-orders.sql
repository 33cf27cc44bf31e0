-- Up Migration
CREATE TABLE orders (
  id          UUID PRIMARY KEY,
  cart_id     UUID        NOT NULL UNIQUE,
  total_cents INTEGER     NOT NULL CHECK (total_cents >= 0),
  status      TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX orders_status_created_at_idx ON orders (status, created_at);

-- Down Migration
DROP TABLE orders;
