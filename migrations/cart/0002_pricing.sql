-- What carts are priced by, as admins set it: tax rates and whether prices include tax, shipping
-- zones and their methods, discount codes and the orders that redeemed them. Money is in integer
-- minor units; rates in parts per million; percentages in basis points.
CREATE SCHEMA IF NOT EXISTS cart;

-- A region's rate replaces its country's ('' : the whole country).
CREATE TABLE cart.tax_rates (
  id          uuid        PRIMARY KEY,
  country     text        NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  region      text        NOT NULL DEFAULT '',
  category    text        NOT NULL,
  rate_ppm    bigint      NOT NULL CHECK (rate_ppm BETWEEN 0 AND 1000000),
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  UNIQUE (country, region, category)
);

-- Listed prices include tax in these currencies, and for destinations in these countries.
CREATE TABLE cart.tax_inclusive (
  kind  text NOT NULL CHECK (kind IN ('currency', 'country')),
  code  text NOT NULL,
  PRIMARY KEY (kind, code)
);

-- areas: [{"country": "US", "region": "NY"}, {"country": "DE", "region": ""}]
CREATE TABLE cart.shipping_zones (
  id          uuid        PRIMARY KEY,
  name        text        NOT NULL,
  areas       jsonb       NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);

-- bands: [{"up_to_grams": 1000, "price": 499}, ...] ascending; none: flat_price whatever the weight.
CREATE TABLE cart.shipping_methods (
  id          uuid        PRIMARY KEY,
  zone_id     uuid        NOT NULL REFERENCES cart.shipping_zones (id),
  name        text        NOT NULL,
  currency    text        NOT NULL,
  flat_price  bigint      NOT NULL DEFAULT 0 CHECK (flat_price >= 0),
  bands       jsonb       NOT NULL DEFAULT '[]',
  free_over   bigint      CHECK (free_over >= 0),
  active      boolean     NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
CREATE INDEX shipping_methods_zone ON cart.shipping_methods (zone_id);

-- amounts and minimum_subtotal: {"USD": 500, "EUR": 450}. used counts the orders that redeemed
-- it, kept by the redemption that inserts their row.
CREATE TABLE cart.discount_codes (
  code                text        PRIMARY KEY CHECK (code = upper(code)),
  kind                text        NOT NULL CHECK (kind IN ('percentage', 'fixed')),
  percent_bp          bigint      NOT NULL DEFAULT 0 CHECK (percent_bp BETWEEN 0 AND 10000),
  amounts             jsonb       NOT NULL DEFAULT '{}',
  minimum_subtotal    jsonb       NOT NULL DEFAULT '{}',
  starts_at           timestamptz,
  ends_at             timestamptz CHECK (ends_at > starts_at),
  usage_limit         bigint      CHECK (usage_limit >= 1),
  per_customer_limit  bigint      CHECK (per_customer_limit >= 1),
  used                bigint      NOT NULL DEFAULT 0 CHECK (used >= 0),
  skus                text[]      NOT NULL DEFAULT '{}',
  category_ids        text[]      NOT NULL DEFAULT '{}',
  active              boolean     NOT NULL DEFAULT true,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL
);

-- One row per order that redeemed a code: redeeming an order again counts nothing.
CREATE TABLE cart.discount_redemptions (
  code         text        NOT NULL REFERENCES cart.discount_codes (code),
  order_id     text        NOT NULL,
  customer_id  text        NOT NULL DEFAULT '',
  redeemed_at  timestamptz NOT NULL,
  PRIMARY KEY (code, order_id)
);
CREATE INDEX discount_redemptions_customer ON cart.discount_redemptions (customer_id, code);
CREATE INDEX discount_redemptions_order ON cart.discount_redemptions (order_id);
