-- The in-app inbox: a user's in-app messages, listed newest first, read or not. An item's id is its
-- message's id (notification.messages, channel in_app), so the delivery record and the item are one.
CREATE TABLE notification.inbox (
  id          uuid        PRIMARY KEY,
  user_id     uuid        NOT NULL,
  template    text        NOT NULL,
  title       text        NOT NULL,
  body        text        NOT NULL,
  data        jsonb       NOT NULL,          -- the values it was rendered with (order number, ...)
  created_at  timestamptz NOT NULL,
  -- When the row was written, by the database's own clock: live streams find what is new by it
  -- (an item committed a moment after a later one is still found: they look back a few seconds).
  stored_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  read_at     timestamptz
);
CREATE INDEX inbox_by_user ON notification.inbox (user_id, created_at DESC, id DESC);
CREATE INDEX inbox_by_stored ON notification.inbox (user_id, stored_at);
CREATE INDEX inbox_unread ON notification.inbox (user_id) WHERE read_at IS NULL;
