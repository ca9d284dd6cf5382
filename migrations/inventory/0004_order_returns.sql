-- Returns of an order's units put back on hand: one row per return, so that a return heard twice
-- restocks once.
CREATE TABLE inventory.order_returns (
  return_id       text        PRIMARY KEY,
  reservation_id  uuid        NOT NULL REFERENCES inventory.reservations (id),
  at              timestamptz NOT NULL
);
