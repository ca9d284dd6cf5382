-- Templates admins stored, per template name, channel and locale; they take the place of the shipped
-- template of the same name, channel and locale. Deleting one reverts to the shipped template.
CREATE TABLE notification.templates (
  name        text        NOT NULL,          -- order_placed, order_shipped, ...
  channel     text        NOT NULL CHECK (channel IN ('email', 'sms', 'push', 'in_app')),
  locale      text        NOT NULL,          -- en, de, de-AT, ...
  subject     text        NOT NULL,          -- Mustache; the title for push and in-app, "" for SMS
  text        text        NOT NULL,
  html        text        NOT NULL,          -- email only, "" otherwise
  updated_at  timestamptz NOT NULL,
  updated_by  uuid,                          -- the admin who saved it
  PRIMARY KEY (name, channel, locale)
);
