-- The lab database's rows (its tables are in schema.sql): written when a schema is made,
-- and again when a finished file hands it on to the next (harness/lab/lab-database.ts).
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
