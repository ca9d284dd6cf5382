-- A call of kind confirm completes an authorization that waited for the buyer's action, once the buyer
-- acted: PayPal authorizes the order the buyer approved, Stripe is asked what 3-D Secure left.
ALTER TABLE payment.calls DROP CONSTRAINT calls_kind_check;
ALTER TABLE payment.calls ADD CONSTRAINT calls_kind_check
  CHECK (kind IN ('authorize', 'confirm', 'capture', 'void', 'refund'));
