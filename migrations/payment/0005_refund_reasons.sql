-- Why staff gave money back, on the refund call they asked for (POST /api/v1/admin/payments/{id}/refunds);
-- null on every other call.
ALTER TABLE payment.calls ADD COLUMN reason text;
