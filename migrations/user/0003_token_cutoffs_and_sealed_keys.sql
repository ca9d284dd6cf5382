-- Access tokens issued before an account's tokens_not_before are refused (set when an admin locks
-- the account or takes a role away), on every instance.
ALTER TABLE "user".accounts ADD COLUMN tokens_not_before timestamptz;

-- Signing keys are sealed (XChaCha20-Poly1305) under a key-encryption key from the config; kek_id
-- names that key. A row with kek_id null holds a PKCS#8 PEM in clear: written only where no
-- key-encryption key is configured (never in production), and sealed at the next start with one.
ALTER TABLE "user".signing_keys RENAME COLUMN private_pem TO private_key;
ALTER TABLE "user".signing_keys ADD COLUMN kek_id text;
