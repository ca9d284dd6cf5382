-- The transactional outbox: every published event, and one delivery per subscriber.
CREATE SCHEMA IF NOT EXISTS platform;

CREATE TABLE platform.outbox (
  seq          bigserial PRIMARY KEY,
  id           uuid        NOT NULL UNIQUE,
  topic        text        NOT NULL,
  type         text        NOT NULL,
  version      int         NOT NULL,
  key          text        NOT NULL,
  occurred_at  timestamptz NOT NULL,
  region       text        NOT NULL,
  traceparent  text        NOT NULL DEFAULT '',
  payload      jsonb       NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX outbox_created_at ON platform.outbox (created_at);

-- A delivery is pending work for one subscriber; it is deleted in the handler's own transaction.
CREATE TABLE platform.deliveries (
  id               bigserial   PRIMARY KEY,
  event_seq        bigint      NOT NULL REFERENCES platform.outbox (seq) ON DELETE CASCADE,
  subscriber       text        NOT NULL,
  key              text        NOT NULL,
  attempts         int         NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  last_error       text
);
CREATE INDEX deliveries_due ON platform.deliveries (subscriber, next_attempt_at, id);
CREATE INDEX deliveries_key_order ON platform.deliveries (subscriber, key, id);
CREATE INDEX deliveries_event ON platform.deliveries (event_seq);

CREATE TABLE platform.dead_letters (
  id          bigserial   PRIMARY KEY,
  event_seq   bigint      NOT NULL REFERENCES platform.outbox (seq) ON DELETE CASCADE,
  subscriber  text        NOT NULL,
  key         text        NOT NULL,
  attempts    int         NOT NULL,
  last_error  text        NOT NULL,
  failed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dead_letters_event ON platform.dead_letters (event_seq);
