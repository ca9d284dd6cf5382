-- The search of the job that captures authorizations before they lapse: authorized payments by when
-- they were authorized (but those whose void the gateway refused: their orders were cancelled).
CREATE INDEX payments_authorized ON payment.payments (authorized_at)
  WHERE status = 'authorized' AND failure_code IS NULL;
