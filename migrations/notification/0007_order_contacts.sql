-- Who to tell about an order, learnt from order.created (the buyer) and order.placed (its number):
-- payment, shipment and refund events name only the order.
CREATE TABLE notification.order_contacts (
  order_id     uuid        PRIMARY KEY,
  number       text,                    -- once placed
  customer_id  uuid,                    -- null for a guest's order
  email        text        NOT NULL,
  currency     text        NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX order_contacts_by_customer ON notification.order_contacts (customer_id);
