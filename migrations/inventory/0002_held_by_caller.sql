-- What a caller holds, summed when inventory.max_held_per_caller caps it.
CREATE INDEX reservations_held_by_caller ON inventory.reservations (caller) WHERE status = 'held';
