-- Responses of requests made with an Idempotency-Key, per caller and key, for a day.
-- status is null while the first request is in flight.
CREATE TABLE platform.idempotency_keys (
  scope         text        NOT NULL,   -- the caller's user id, "" for anonymous callers
  key           text        NOT NULL,
  fingerprint   text        NOT NULL,   -- SHA-256 of method, path and body
  status        int,
  content_type  text,
  headers       jsonb,
  body          text,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_created ON platform.idempotency_keys (created_at);
