-- The devices a user gets push messages on: an FCM registration token each. A token belongs to one
-- user at a time (the last to register it: a phone signed in to another account moves to it), and
-- goes when its user removes it or FCM says it is no longer valid.
CREATE TABLE notification.device_tokens (
  token         text        PRIMARY KEY,
  user_id       uuid        NOT NULL,
  platform      text        NOT NULL CHECK (platform IN ('android', 'ios', 'web')),
  created_at    timestamptz NOT NULL,  -- registered by this user
  last_seen_at  timestamptz NOT NULL   -- registered again by the app (it does at every start)
);
CREATE INDEX device_tokens_by_user ON notification.device_tokens (user_id, last_seen_at DESC);
