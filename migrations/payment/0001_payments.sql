-- The payment module: one payment per order, and every call made to its gateway for it.
CREATE SCHEMA IF NOT EXISTS payment;

-- A payment moves authorizing -> authorized (or requires_action, or failed) -> capturing -> captured,
-- and back through voiding -> voided or refunding -> refunded when its order is cancelled. The
-- statuses ending in -ing have a call to make (payment.calls, status started).
CREATE TABLE payment.payments (
  id                uuid        PRIMARY KEY,
  order_id          uuid        NOT NULL UNIQUE,   -- a redelivered order.payment_requested finds it here
  customer_id       uuid,                          -- null for a guest's order
  email             text        NOT NULL DEFAULT '',
  gateway           text        NOT NULL,
  token             text        NOT NULL DEFAULT '',   -- the gateway's token, never a card number
  return_url        text        NOT NULL DEFAULT '',
  amount            bigint      NOT NULL CHECK (amount > 0),
  currency          char(3)     NOT NULL,
  status            text        NOT NULL CHECK (status IN ('authorizing', 'requires_action', 'authorized',
                                'capturing', 'captured', 'voiding', 'voided', 'failed', 'refunding', 'refunded')),
  gateway_ref       text,                          -- the gateway's id for the payment
  action_url        text,                          -- where the buyer acts (requires_action)
  failure_code      text,
  failure_message   text,
  captured          bigint      NOT NULL DEFAULT 0 CHECK (captured >= 0 AND captured <= amount),
  refunded          bigint      NOT NULL DEFAULT 0 CHECK (refunded >= 0 AND refunded <= captured),
  cancel_requested  boolean     NOT NULL DEFAULT false,  -- the order was cancelled while a call was out
  -- A runner holds the payment until then while its call is out; after an unknown outcome, the
  -- time the call is tried again.
  lease_until       timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL,
  authorized_at     timestamptz,
  captured_at       timestamptz
);
-- The resume job's search: payments with a call to make whose lease is free or expired.
CREATE INDEX payments_to_resume ON payment.payments (lease_until)
  WHERE status IN ('authorizing', 'capturing', 'voiding', 'refunding');

-- One row per call to a gateway, committed before the call is made. Its id is the idempotency key
-- the gateway is sent: a call repeated after a crash or an unknown outcome sends the same id, and
-- the gateway answers it as it answered the first, so nothing is ever charged twice.
CREATE TABLE payment.calls (
  id           uuid        PRIMARY KEY,
  payment_id   uuid        NOT NULL REFERENCES payment.payments (id),
  kind         text        NOT NULL CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
  amount       bigint      NOT NULL CHECK (amount > 0),
  status       text        NOT NULL CHECK (status IN ('started', 'succeeded', 'failed')),
  attempts     int         NOT NULL DEFAULT 0,
  last_error   text,
  gateway_ref  text,        -- the gateway's id for what the call made (its authorization, capture, refund)
  created_at   timestamptz NOT NULL,
  finished_at  timestamptz
);
CREATE INDEX calls_of_payment ON payment.calls (payment_id, created_at);
-- A payment makes one call at a time.
CREATE UNIQUE INDEX calls_one_open ON payment.calls (payment_id) WHERE status = 'started';
