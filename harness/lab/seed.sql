-- The lab database: a small shop the lessons talk about. Created in a schema of its own
-- for every test file, so files never see each other's rows.
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

INSERT INTO products (id, sku, name, category, price_cents, updated_at)
SELECT n,
       'SKU-' || lpad(n::text, 4, '0'),
       (ARRAY['Espresso cup', 'Pour-over kettle', 'Burr grinder', 'Milk jug', 'Tamper'])[1 + n % 5] || ' #' || n,
       (ARRAY['cups', 'kettles', 'grinders', 'jugs', 'tools'])[1 + n % 5],
       500 + n * 125,
       timestamptz '2026-01-01 09:00:00+00' + n * interval '1 hour'
FROM generate_series(1, 20) AS n;

INSERT INTO inventory (product_id, quantity) SELECT id, 10 + id FROM products;
INSERT INTO product_views (product_id) SELECT id FROM products;

INSERT INTO users (id, email) SELECT n, 'user' || n || '@example.test' FROM generate_series(1, 10) AS n;
INSERT INTO profiles (user_id, display_name) SELECT id, 'User ' || id FROM users;
INSERT INTO accounts (user_id, balance_cents) SELECT id, 10000 * id FROM users;
