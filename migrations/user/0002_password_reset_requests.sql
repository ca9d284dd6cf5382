-- Password reset requests wait here for a background job, so that answering one costs the same
-- whether the email has an account or not: the job looks the account up and mails the link.
-- Repeats of a waiting request add nothing: a flood can neither grow the table nor mail a victim
-- more than once per dispatch.
CREATE TABLE "user".password_reset_requests (
  id            bigserial   PRIMARY KEY,
  email         text        NOT NULL UNIQUE,  -- normalised; one waiting request per email
  requested_at  timestamptz NOT NULL
);

