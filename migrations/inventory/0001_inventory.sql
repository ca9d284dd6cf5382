-- The inventory module: warehouses, stock per SKU and warehouse, its append-only ledger,
-- reservations with their allocated lines, and low-stock thresholds.
CREATE SCHEMA IF NOT EXISTS inventory;

CREATE TABLE inventory.warehouses (
  id          uuid        PRIMARY KEY,
  code        text        NOT NULL UNIQUE,
  name        text        NOT NULL,
  region      text        NOT NULL DEFAULT '',
  address     text        NOT NULL DEFAULT '',
  priority    int         NOT NULL DEFAULT 100,   -- lower is allocated first
  active      boolean     NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- on_hand and reserved only change together with a row in movements (stock_store::move).
CREATE TABLE inventory.stock (
  sku                  text        NOT NULL,
  warehouse_id         uuid        NOT NULL REFERENCES inventory.warehouses (id),
  on_hand              bigint      NOT NULL DEFAULT 0 CHECK (on_hand >= 0),
  reserved             bigint      NOT NULL DEFAULT 0 CHECK (reserved >= 0 AND reserved <= on_hand),
  safety_stock         bigint      NOT NULL DEFAULT 0 CHECK (safety_stock >= 0),
  low_stock_threshold  bigint      CHECK (low_stock_threshold >= 0),
  low_alerted          boolean     NOT NULL DEFAULT false,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (sku, warehouse_id)
);

-- A threshold over every warehouse of a SKU.
CREATE TABLE inventory.sku_thresholds (
  sku          text    PRIMARY KEY,
  threshold    bigint  NOT NULL CHECK (threshold >= 0),
  low_alerted  boolean NOT NULL DEFAULT false
);

CREATE TABLE inventory.movements (
  id              bigserial   PRIMARY KEY,
  sku             text        NOT NULL,
  warehouse_id    uuid        NOT NULL REFERENCES inventory.warehouses (id),
  kind            text        NOT NULL CHECK (kind IN ('receive', 'adjust', 'return', 'reserve', 'release', 'commit')),
  on_hand_delta   bigint      NOT NULL,
  reserved_delta  bigint      NOT NULL,
  reservation_id  uuid,
  actor           text        NOT NULL,   -- a user id, or "order.created" and the like for event reactions
  reason          text        NOT NULL DEFAULT '',
  created_at      timestamptz NOT NULL
);
CREATE INDEX movements_stock ON inventory.movements (sku, warehouse_id, id);

-- A failed reservation of an order is kept (status failed, no lines) so that a repeated
-- order.created changes nothing.
CREATE TABLE inventory.reservations (
  id               uuid        PRIMARY KEY,
  order_id         text        UNIQUE,
  caller           text        NOT NULL DEFAULT '',
  status           text        NOT NULL CHECK (status IN ('held', 'committed', 'released', 'expired', 'failed')),
  expires_at       timestamptz NOT NULL,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX reservations_due ON inventory.reservations (expires_at) WHERE status = 'held';

CREATE TABLE inventory.reservation_lines (
  reservation_id  uuid   NOT NULL REFERENCES inventory.reservations (id),
  sku             text   NOT NULL,
  warehouse_id    uuid   NOT NULL REFERENCES inventory.warehouses (id),
  quantity        bigint NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (reservation_id, sku, warehouse_id)
);
