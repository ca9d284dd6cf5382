-- An SMS's status callback names the message by the provider's id (Twilio's MessageSid): found by it.
CREATE INDEX messages_by_provider_id ON notification.messages (channel, provider_id) WHERE provider_id IS NOT NULL;
