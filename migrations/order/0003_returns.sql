-- Returns of shipped units: requested by the buyer or staff, received by staff (the units go back
-- to stock and their refund is asked of the payment module).
CREATE TABLE "order".returns (
  id             uuid        PRIMARY KEY,
  order_id       uuid        NOT NULL REFERENCES "order".orders (id),
  status         text        NOT NULL CHECK (status IN ('requested', 'received')),
  reason         text        NOT NULL,
  refund_amount  bigint      NOT NULL DEFAULT 0,  -- minor units of the order's currency, set when received
  created_at     timestamptz NOT NULL,
  received_at    timestamptz
);
CREATE INDEX returns_by_order ON "order".returns (order_id, created_at);

CREATE TABLE "order".return_lines (
  return_id  uuid   NOT NULL REFERENCES "order".returns (id),
  position   int    NOT NULL,  -- the order line's
  quantity   bigint NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (return_id, position)
);
