-- Search analytics (every search and every click on a result) and the synonyms admins manage.
-- The index itself is not here: each instance keeps its own on local disk.
CREATE SCHEMA IF NOT EXISTS search;

CREATE TABLE search.queries (
  id uuid PRIMARY KEY,             -- the query_id the client was given
  query text NOT NULL,             -- as asked
  normalized text NOT NULL,        -- its words folded and joined by one space: what reports group by
  locale text NOT NULL,            -- the index that answered
  filters jsonb NOT NULL,          -- the other parameters, by name
  result_count integer NOT NULL,
  corrected text,                  -- the words searched instead, when the asked ones found nothing
  latency_ms real NOT NULL,
  searched_at timestamptz NOT NULL
);
CREATE INDEX queries_searched_at ON search.queries (searched_at);
CREATE INDEX queries_normalized ON search.queries (normalized, searched_at);

-- No foreign key to queries: a search is written in a batch, possibly after a click on its results.
CREATE TABLE search.clicks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  query_id uuid NOT NULL,
  product_id uuid NOT NULL,
  position integer NOT NULL CHECK (position >= 1),
  clicked_at timestamptz NOT NULL
);
CREATE INDEX clicks_query ON search.clicks (query_id);
CREATE INDEX clicks_clicked_at ON search.clicks (clicked_at);

CREATE TABLE search.synonyms (
  locale text PRIMARY KEY,
  groups jsonb NOT NULL,  -- [["sneakers", "trainers"], ...]: the words of a group find each other
  updated_at timestamptz NOT NULL
);
