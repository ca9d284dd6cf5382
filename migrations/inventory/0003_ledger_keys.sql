-- Movements and reservation lines name a stock row, not only a warehouse: their foreign keys check
-- the (sku, warehouse_id) row that the writing transaction has locked already, instead of taking a
-- share lock on the warehouse row that every concurrent reservation of that warehouse also takes.
ALTER TABLE inventory.movements DROP CONSTRAINT movements_warehouse_id_fkey,
  ADD CONSTRAINT movements_stock_fkey FOREIGN KEY (sku, warehouse_id) REFERENCES inventory.stock (sku, warehouse_id);
ALTER TABLE inventory.reservation_lines DROP CONSTRAINT reservation_lines_warehouse_id_fkey,
  ADD CONSTRAINT reservation_lines_stock_fkey FOREIGN KEY (sku, warehouse_id) REFERENCES inventory.stock (sku, warehouse_id);
