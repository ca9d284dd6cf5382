-- A product's tax category: which VAT/sales-tax rate applies to it (the rates themselves belong to
-- whoever computes tax). Existing products are standard-rated.
ALTER TABLE catalog.products
  ADD COLUMN tax_category text NOT NULL DEFAULT 'standard' CHECK (tax_category IN ('standard', 'reduced', 'zero'));
