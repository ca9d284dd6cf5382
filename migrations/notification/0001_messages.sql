-- The notification module: every message an event caused, one row per (event, channel, recipient).
CREATE SCHEMA IF NOT EXISTS notification;

-- A message moves queued -> sending -> sent, or back to queued (a temporary failure, tried again at
-- next_attempt_at) and finally failed. `dedupe_key` names the event by what it tells of
-- ("order.placed/<order id>"), so the same event arriving again, redelivered or published anew with
-- another envelope id, finds its message here and makes no other.
CREATE TABLE notification.messages (
  id               uuid        PRIMARY KEY,
  event_id         uuid        NOT NULL,          -- the envelope of the event that first caused it
  event_type       text        NOT NULL,
  dedupe_key       text        NOT NULL,
  channel          text        NOT NULL CHECK (channel IN ('email')),
  recipient        text        NOT NULL,          -- an email address for channel email
  user_id          uuid,                          -- null for a guest
  template         text        NOT NULL,          -- order_placed, order_shipped, ...
  locale           text        NOT NULL,
  data             jsonb       NOT NULL,          -- the values its template is rendered with
  subject          text,                          -- as rendered when it was sent
  status           text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed')),
  attempts         int         NOT NULL DEFAULT 0,
  provider_id      text,                          -- the Message-ID for email
  last_error       text,
  next_attempt_at  timestamptz NOT NULL,          -- a queued message is sent from then on
  lease_until      timestamptz,                   -- a sender holds a sending message until then
  created_at       timestamptz NOT NULL,
  sent_at          timestamptz,
  UNIQUE (dedupe_key, channel, recipient)
);
-- The resume job's search: queued messages due, and sending ones whose sender's lease ran out.
CREATE INDEX messages_to_send ON notification.messages (next_attempt_at) WHERE status IN ('queued', 'sending');
