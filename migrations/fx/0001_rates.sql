-- The fx module: every exchange rate any provider answered, kept forever. A rate is units of
-- `quote` per 1 `base`, exact (numeric, never a float), and holds from valid_from until a newer
-- rate of the same pair.
CREATE SCHEMA IF NOT EXISTS fx;

CREATE TABLE fx.rates (
  provider    text        NOT NULL,                      -- "ecb", "fixed"
  base        text        NOT NULL CHECK (base ~ '^[A-Z]{3}$'),
  quote       text        NOT NULL CHECK (quote ~ '^[A-Z]{3}$' AND quote <> base),
  rate        numeric     NOT NULL CHECK (rate > 0),
  valid_from  timestamptz NOT NULL,
  fetched_at  timestamptz NOT NULL,
  PRIMARY KEY (provider, base, quote, valid_from)
);
-- The rate in force at an instant, and the newest base.
CREATE INDEX rates_by_time ON fx.rates (valid_from DESC, fetched_at DESC);
CREATE INDEX rates_by_pair ON fx.rates (base, quote, valid_from DESC);

-- History is append-only: a correction is a newer row, never an edit.
CREATE FUNCTION fx.refuse_rate_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'fx.rates is append-only';
END $$;
CREATE TRIGGER rates_append_only BEFORE UPDATE OR DELETE ON fx.rates
  FOR EACH ROW EXECUTE FUNCTION fx.refuse_rate_change();
