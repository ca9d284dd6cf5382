-- Orders, their lines as bought and the history of their status. An order's status moves only by
-- the transitions of src/domain/order_status; each move writes a history row and publishes its
-- event in the same transaction. Amounts are minor units of the order's currency.
CREATE SCHEMA IF NOT EXISTS "order";

CREATE TABLE "order".orders (
  id                 uuid        PRIMARY KEY,
  number             text        UNIQUE,          -- assigned when placed
  status             text        NOT NULL CHECK (status IN ('pending', 'awaiting_payment', 'placed',
                       'partially_fulfilled', 'fulfilled', 'delivered', 'completed', 'cancelled')),
  payment_status     text        NOT NULL CHECK (payment_status IN ('not_started', 'pending', 'requires_action',
                       'authorized', 'paid', 'failed', 'voided', 'partially_refunded', 'refunded')),
  cancel_reason      text,
  customer_id        uuid,                        -- null for a guest's order
  email              text        NOT NULL,
  cart_id            uuid,
  caller             text        NOT NULL,        -- whose Idempotency-Key: user:<id> or cart:<id>
  idempotency_key    text        NOT NULL,
  request_hash       text        NOT NULL,        -- SHA-256 (hex) of the checkout's body
  currency           char(3)     NOT NULL,
  tax_inclusive      boolean     NOT NULL,
  subtotal           bigint      NOT NULL,
  discount           bigint      NOT NULL,
  shipping           bigint      NOT NULL,
  tax                bigint      NOT NULL,
  total              bigint      NOT NULL CHECK (total >= 0),
  base_currency      char(3)     NOT NULL,        -- the shop's reporting currency
  base_total         bigint,                      -- total at the locked rate; null when no rate was known
  rate_locked_at     timestamptz NOT NULL,
  shipping_method_id text        NOT NULL,
  discount_codes     text[]      NOT NULL,
  shipping_address   jsonb       NOT NULL,
  billing_address    jsonb,
  payment_gateway    text        NOT NULL,
  payment_token      text        NOT NULL,        -- the gateway's token for the buyer's method, never a card number
  return_url         text        NOT NULL,
  payment_id         uuid,
  action_url         text,                        -- what the buyer must do while requires_action
  short_lines        jsonb,                       -- what was short when cancelled for out_of_stock
  captured           bigint      NOT NULL DEFAULT 0,
  refunded           bigint      NOT NULL DEFAULT 0,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  placed_at          timestamptz,
  paid_at            timestamptz,
  cancelled_at       timestamptz
);
CREATE UNIQUE INDEX orders_by_idempotency_key ON "order".orders (caller, idempotency_key);
-- A cart becomes at most one order at a time: a second checkout of it waits for the first to end.
CREATE UNIQUE INDEX orders_one_open_per_cart ON "order".orders (cart_id) WHERE status <> 'cancelled';
CREATE INDEX orders_by_customer ON "order".orders (customer_id, id DESC);
CREATE INDEX orders_by_status ON "order".orders (status, id DESC);

CREATE TABLE "order".lines (
  order_id         uuid    NOT NULL REFERENCES "order".orders (id),
  position         int     NOT NULL,
  sku              text    NOT NULL,
  product_id       text    NOT NULL,
  title            text    NOT NULL,
  quantity         bigint  NOT NULL CHECK (quantity > 0),
  unit_price       bigint  NOT NULL,
  price_converted  boolean NOT NULL,  -- no price in the order's currency: converted at the locked rate
  subtotal         bigint  NOT NULL,
  discount         bigint  NOT NULL,
  shipping         bigint  NOT NULL,
  tax              bigint  NOT NULL,
  total            bigint  NOT NULL,
  PRIMARY KEY (order_id, position)
);

CREATE TABLE "order".history (
  id          bigserial   PRIMARY KEY,
  order_id    uuid        NOT NULL REFERENCES "order".orders (id),
  from_status text,
  to_status   text        NOT NULL,
  reason      text        NOT NULL,  -- the event or request that moved it
  at          timestamptz NOT NULL
);
CREATE INDEX history_by_order ON "order".history (order_id, id);

-- Order numbers: the region's prefix and this sequence.
CREATE SEQUENCE "order".numbers START 100001;
