-- The catalog module: categories, products with per-locale texts, variants, price lists, reviews.
CREATE SCHEMA IF NOT EXISTS catalog;

-- A tree: moving a category re-parents it; a move that would make a cycle is refused.
CREATE TABLE catalog.categories (
  id          uuid        PRIMARY KEY,
  parent_id   uuid        REFERENCES catalog.categories (id),
  slug        text        NOT NULL UNIQUE,
  name        text        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  CHECK (parent_id IS DISTINCT FROM id)
);
CREATE INDEX categories_parent ON catalog.categories (parent_id);

CREATE TABLE catalog.products (
  id              uuid        PRIMARY KEY,
  slug            text        NOT NULL UNIQUE,
  status          text        NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
  brand           text        NOT NULL DEFAULT '',
  category_id     uuid        REFERENCES catalog.categories (id),
  attributes      jsonb       NOT NULL DEFAULT '{}',   -- {"material": "cotton"}: string values
  images          jsonb       NOT NULL DEFAULT '[]',   -- [{"url": ..., "alt": ...}]
  default_locale  text        NOT NULL,
  revision        bigint      NOT NULL DEFAULT 1,      -- bumped by every change; part of the ETag
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX products_category ON catalog.products (category_id);

CREATE TABLE catalog.product_texts (
  product_id   uuid NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
  locale       text NOT NULL,
  title        text NOT NULL,
  description  text NOT NULL DEFAULT '',
  PRIMARY KEY (product_id, locale)
);

CREATE TABLE catalog.variants (
  id            uuid    PRIMARY KEY,
  product_id    uuid    NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
  sku           text    NOT NULL UNIQUE,
  options       jsonb   NOT NULL DEFAULT '{}',         -- {"size": "M", "colour": "red"}
  weight_grams  int     CHECK (weight_grams >= 0),
  length_mm     int     CHECK (length_mm >= 0),
  width_mm      int     CHECK (width_mm >= 0),
  height_mm     int     CHECK (height_mm >= 0),
  position      int     NOT NULL
);
CREATE INDEX variants_product ON catalog.variants (product_id, position);

-- A variant's price list: one regular price per currency (no window) and any number of sale
-- prices, each with a window. Amounts are integer minor units of the currency.
CREATE TABLE catalog.prices (
  id          bigserial   PRIMARY KEY,
  variant_id  uuid        NOT NULL REFERENCES catalog.variants (id) ON DELETE CASCADE,
  currency    text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount      bigint      NOT NULL CHECK (amount >= 0),
  compare_at  bigint      CHECK (compare_at >= 0),
  starts_at   timestamptz,
  ends_at     timestamptz,
  CHECK (starts_at IS NULL OR ends_at IS NULL OR starts_at < ends_at)
);
CREATE INDEX prices_variant ON catalog.prices (variant_id);
CREATE UNIQUE INDEX prices_regular ON catalog.prices (variant_id, currency) WHERE starts_at IS NULL AND ends_at IS NULL;

-- One review per user per product; only approved reviews count in the rating.
CREATE TABLE catalog.reviews (
  id                 uuid        PRIMARY KEY,
  product_id         uuid        NOT NULL REFERENCES catalog.products (id) ON DELETE CASCADE,
  user_id            uuid        NOT NULL,
  rating             smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title              text        NOT NULL DEFAULT '',
  body               text        NOT NULL DEFAULT '',
  status             text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  verified_purchase  boolean     NOT NULL DEFAULT false,
  moderated_by       uuid,
  moderated_at       timestamptz,
  created_at         timestamptz NOT NULL,
  updated_at         timestamptz NOT NULL,
  UNIQUE (product_id, user_id)
);
CREATE INDEX reviews_product ON catalog.reviews (product_id, status, created_at);
CREATE INDEX reviews_status ON catalog.reviews (status, created_at);

-- The rating aggregate of approved reviews, kept in the transaction that changes a review.
CREATE TABLE catalog.rating_stats (
  product_id  uuid   PRIMARY KEY REFERENCES catalog.products (id) ON DELETE CASCADE,
  count       int    NOT NULL DEFAULT 0,
  sum         bigint NOT NULL DEFAULT 0,
  r1 int NOT NULL DEFAULT 0, r2 int NOT NULL DEFAULT 0, r3 int NOT NULL DEFAULT 0,
  r4 int NOT NULL DEFAULT 0, r5 int NOT NULL DEFAULT 0
);

-- Who bought what (from order events): a review by a buyer is a verified purchase.
CREATE TABLE catalog.purchases (
  user_id     uuid        NOT NULL,
  product_id  uuid        NOT NULL,
  order_id    text        NOT NULL,
  bought_at   timestamptz NOT NULL,
  PRIMARY KEY (user_id, product_id)
);
