-- The cart module's copy of its carts (Redis holds the primary), written behind in batches with the
-- events of their changes (a change's events are published once: the copy's version tells which
-- were), and the carts changed here while Redis was down (their Redis copy is stale and is dropped
-- before Redis serves them again).
CREATE SCHEMA IF NOT EXISTS cart;

-- doc is the whole cart (store/cart_doc); the columns beside it are what queries look at.
CREATE TABLE cart.carts (
  id          uuid        PRIMARY KEY,
  owner_id    text,                          -- null for a guest cart
  status      text        NOT NULL CHECK (status IN ('active', 'merged', 'checked_out', 'expired')),
  version     bigint      NOT NULL,
  doc         jsonb       NOT NULL,
  expires_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX carts_by_owner ON cart.carts (owner_id, updated_at DESC) WHERE status = 'active';
CREATE INDEX carts_by_expiry ON cart.carts (expires_at);

CREATE TABLE cart.stale_in_redis (
  cart_id  uuid        PRIMARY KEY,
  since    timestamptz NOT NULL
);
