-- The lab database: a small shop the lessons talk about. Created in a schema of its own
-- for a test file, so files never see each other's rows (harness/lab/lab-database.ts; its
-- rows are in seed.sql).
CREATE TABLE products (
  id          integer PRIMARY KEY,
  sku         text NOT NULL UNIQUE,
  name        text NOT NULL,
  category    text NOT NULL,
  price_cents integer NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inventory (
  product_id integer PRIMARY KEY REFERENCES products (id),
  quantity   integer NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product_views (
  product_id integer PRIMARY KEY REFERENCES products (id),
  views      bigint NOT NULL DEFAULT 0
);

CREATE TABLE users (
  id         integer PRIMARY KEY,
  email      text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE profiles (
  user_id      integer PRIMARY KEY REFERENCES users (id),
  display_name text NOT NULL,
  bio          text NOT NULL DEFAULT '',
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  user_id       integer PRIMARY KEY REFERENCES users (id),
  balance_cents bigint NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
