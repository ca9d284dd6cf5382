-- The cart module's copy of its carts (Redis holds the primary), written behind in batches, and
-- what that copy needs: the cart.events already published, and carts changed here while Redis was
-- down (their Redis copy is stale and is dropped before Redis serves them again).
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

-- Ids of cart changes whose events are in the outbox: a batch copied twice (two instances, or a
-- crash before Redis heard of the copy) publishes nothing twice.
CREATE TABLE cart.published_changes (
  change_id     uuid        PRIMARY KEY,
  published_at  timestamptz NOT NULL
);
CREATE INDEX published_changes_by_age ON cart.published_changes (published_at);

CREATE TABLE cart.stale_in_redis (
  cart_id  uuid        PRIMARY KEY,
  since    timestamptz NOT NULL
);
