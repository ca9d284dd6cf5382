-- Password reset requests wait here for a background job, so that answering one costs the same
-- whether the email has an account or not: the job looks the account up and mails the link.
CREATE TABLE "user".password_reset_requests (
  id            bigserial   PRIMARY KEY,
  email         text        NOT NULL,  -- normalised
  requested_at  timestamptz NOT NULL
);

