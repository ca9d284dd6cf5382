-- Events a gateway sent us (Stripe's webhooks), stored once verified and before they are answered,
-- so that a delivery repeated is acknowledged and never processed twice, and one that cannot be
-- processed yet (its payment unknown here, or busy with a call) is kept and tried again.
CREATE TABLE payment.webhook_events (
  gateway        text        NOT NULL,
  id             text        NOT NULL,      -- the gateway's event id (Stripe's evt_...)
  type           text        NOT NULL,      -- payment_intent.succeeded, charge.refunded, ...
  payload        text        NOT NULL,      -- the body as received (its signature can be checked again)
  received_at    timestamptz NOT NULL,
  processed_at   timestamptz,               -- null while it is still to be processed
  attempts       int         NOT NULL DEFAULT 0,
  process_after  timestamptz NOT NULL,      -- when it is tried (again)
  outcome        text,                      -- applied, stale, ignored, or why it was put off or given up
  PRIMARY KEY (gateway, id)
);
-- The processor's search: events still to process, by when they are due.
CREATE INDEX webhook_events_due ON payment.webhook_events (process_after) WHERE processed_at IS NULL;

-- An event names the payment by the gateway's id for it (Stripe's PaymentIntent).
CREATE INDEX payments_by_gateway_ref ON payment.payments (gateway, gateway_ref) WHERE gateway_ref IS NOT NULL;
