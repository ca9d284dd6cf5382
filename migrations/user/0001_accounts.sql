-- The user module: accounts and credentials, tokens, MFA, throttling, signing keys, profiles,
-- addresses, preferences and the admin audit log. "user" is a reserved word, hence the quotes.
CREATE SCHEMA IF NOT EXISTS "user";

CREATE TABLE "user".accounts (
  id                  uuid        PRIMARY KEY,
  email               text        NOT NULL UNIQUE,        -- normalised: trimmed, lower-case
  email_verified      boolean     NOT NULL DEFAULT false,
  password_hash       text,                               -- Argon2id (libsodium string); null: no password login
  name                text        NOT NULL DEFAULT '',
  phone               text,
  locale              text,
  preferred_currency  text,
  roles               text[]      NOT NULL DEFAULT '{customer}',
  status              text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'locked', 'deleted')),
  locked_reason       text,
  default_shipping_address_id uuid,
  default_billing_address_id  uuid,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);
CREATE INDEX accounts_name ON "user".accounts (lower(name));

-- Refresh tokens are opaque; only their SHA-256 (hex) is stored. A family is one login's chain of
-- rotations: reusing a used token revokes the whole family.
CREATE TABLE "user".refresh_tokens (
  token_hash  text        PRIMARY KEY,
  family_id   uuid        NOT NULL,
  user_id     uuid        NOT NULL REFERENCES "user".accounts (id),
  created_at  timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz,
  revoked_at  timestamptz
);
CREATE INDEX refresh_tokens_family ON "user".refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user ON "user".refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Single-use tokens mailed to users (email verification, password reset) or handed out
-- between login steps (MFA); only their SHA-256 (hex) is stored.
CREATE TABLE "user".one_time_tokens (
  token_hash  text        PRIMARY KEY,
  purpose     text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password', 'mfa_login')),
  user_id     uuid        NOT NULL REFERENCES "user".accounts (id),
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);

CREATE TABLE "user".mfa_totp (
  user_id       uuid        PRIMARY KEY REFERENCES "user".accounts (id),
  secret        text        NOT NULL,  -- base32
  confirmed_at  timestamptz,              -- null: enrolment started, not yet confirmed
  last_step     bigint      NOT NULL DEFAULT 0  -- a code's time step is accepted once
);

CREATE TABLE "user".recovery_codes (
  code_hash  text        PRIMARY KEY,
  user_id    uuid        NOT NULL REFERENCES "user".accounts (id),
  used_at    timestamptz
);
CREATE INDEX recovery_codes_user ON "user".recovery_codes (user_id);

-- Failed logins per account ('account:<email>') and per client address ('address:<ip>').
CREATE TABLE "user".login_throttle (
  key           text        PRIMARY KEY,
  failures      int         NOT NULL,
  locked_until  timestamptz,
  last_failure  timestamptz NOT NULL
);

-- Access-token signing keys. The newest active key signs; retired keys verify until they expire.
CREATE TABLE "user".signing_keys (
  kid          text        PRIMARY KEY,
  alg          text        NOT NULL,
  private_pem  text        NOT NULL,
  created_at   timestamptz NOT NULL,
  retired_at   timestamptz,
  expires_at   timestamptz
);

-- Users provisioned from an external OIDC issuer, by (issuer, subject).
CREATE TABLE "user".external_identities (
  issuer   text NOT NULL,
  subject  text NOT NULL,
  user_id  uuid NOT NULL REFERENCES "user".accounts (id),
  PRIMARY KEY (issuer, subject)
);

CREATE TABLE "user".addresses (
  id           uuid        PRIMARY KEY,
  user_id      uuid        NOT NULL REFERENCES "user".accounts (id),
  label        text        NOT NULL DEFAULT '',
  recipient    text        NOT NULL,
  line1        text        NOT NULL,
  line2        text        NOT NULL DEFAULT '',
  city         text        NOT NULL,
  region       text        NOT NULL DEFAULT '',
  postal_code  text        NOT NULL DEFAULT '',
  country      text        NOT NULL,
  phone        text        NOT NULL DEFAULT '',
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL
);
CREATE INDEX addresses_user ON "user".addresses (user_id, id);
ALTER TABLE "user".accounts
  ADD FOREIGN KEY (default_shipping_address_id) REFERENCES "user".addresses (id) ON DELETE SET NULL,
  ADD FOREIGN KEY (default_billing_address_id) REFERENCES "user".addresses (id) ON DELETE SET NULL;

CREATE TABLE "user".preferences (
  user_id               uuid        PRIMARY KEY REFERENCES "user".accounts (id),
  language              text        NOT NULL DEFAULT 'en',
  currency              text,
  channels              jsonb       NOT NULL DEFAULT '{"order":["email"],"marketing":[],"security":["email"]}',
  marketing_consent     boolean     NOT NULL DEFAULT false,
  marketing_consent_at  timestamptz,
  updated_at            timestamptz NOT NULL
);

CREATE TABLE "user".audit_log (
  id         bigserial   PRIMARY KEY,
  actor_id   uuid        NOT NULL,
  action     text        NOT NULL,
  target_id  uuid,
  details    jsonb       NOT NULL DEFAULT '{}',
  at         timestamptz NOT NULL
);
