-- Shipments of an order's lines (some or all), with their carrier and tracking number, and when
-- each was delivered. An order is fulfilled once every unit of it is in a fulfillment.
CREATE TABLE "order".fulfillments (
  id               uuid        PRIMARY KEY,
  order_id         uuid        NOT NULL REFERENCES "order".orders (id),
  carrier          text        NOT NULL,
  tracking_number  text        NOT NULL,
  created_at       timestamptz NOT NULL,
  delivered_at     timestamptz
);
CREATE INDEX fulfillments_by_order ON "order".fulfillments (order_id, created_at);

CREATE TABLE "order".fulfillment_lines (
  fulfillment_id  uuid   NOT NULL REFERENCES "order".fulfillments (id),
  position        int    NOT NULL,  -- the order line's
  quantity        bigint NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (fulfillment_id, position)
);

ALTER TABLE "order".orders ADD COLUMN delivered_at timestamptz, ADD COLUMN completed_at timestamptz;
