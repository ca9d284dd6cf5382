-- What the reconciliation job found of a payment failed as gateway_unavailable: its last authorize
-- or confirm call went unanswered, and one of its attempts may still have left an authorization at
-- the gateway. Set once, when the gateway answered the job's look-up (held: an authorization was
-- found and is voided; nothing_held) or the job gave up on it (unanswered: an operator looks).
ALTER TABLE payment.payments ADD COLUMN reconciled_at timestamptz;
ALTER TABLE payment.payments ADD COLUMN reconciliation text
  CHECK (reconciliation IN ('held', 'nothing_held', 'unanswered'));
-- The job's search: payments failed unanswered and not reconciled yet (a handful at any time).
CREATE INDEX payments_to_reconcile ON payment.payments (updated_at)
  WHERE status = 'failed' AND failure_code = 'gateway_unavailable' AND reconciled_at IS NULL;
