-- What a message is about, as users' preferences group messages: marketing email carries a
-- List-Unsubscribe header.
ALTER TABLE notification.messages ADD COLUMN category text NOT NULL DEFAULT 'order'
  CHECK (category IN ('order', 'security', 'marketing'));
