-- Every channel: email, SMS (Twilio), push (FCM), in-app. A provider that reports back afterwards
-- moves a sent message on to delivered, or to bounced (it took the message but could not deliver it).
ALTER TABLE notification.messages DROP CONSTRAINT messages_channel_check;
ALTER TABLE notification.messages ADD CONSTRAINT messages_channel_check
  CHECK (channel IN ('email', 'sms', 'push', 'in_app'));
ALTER TABLE notification.messages DROP CONSTRAINT messages_status_check;
ALTER TABLE notification.messages ADD CONSTRAINT messages_status_check
  CHECK (status IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'bounced'));
-- The recipient: an email address, a phone number (E.164), a device token, or the user id for in-app.
COMMENT ON COLUMN notification.messages.recipient IS 'email address, E.164 phone number, device token or user id';
ALTER TABLE notification.messages ADD COLUMN delivered_at timestamptz;
-- The admins' list of deliveries, newest first, filtered by status or channel.
CREATE INDEX messages_by_created ON notification.messages (created_at DESC, id);
