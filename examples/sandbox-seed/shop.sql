-- The demo shop behind db.query (sqlite:./sandbox/shop.db). Created by ensureDemoSandbox when missing.
CREATE TABLE products (id INTEGER PRIMARY KEY, sku TEXT NOT NULL UNIQUE, name TEXT NOT NULL, price_cents INTEGER NOT NULL, stock INTEGER NOT NULL);
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, ssn TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id), product_id INTEGER NOT NULL REFERENCES products (id), quantity INTEGER NOT NULL, total NUMERIC NOT NULL, status TEXT NOT NULL);
CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders (id), amount NUMERIC NOT NULL, issued_at TEXT NOT NULL, paid INTEGER NOT NULL DEFAULT 0);
INSERT INTO products VALUES (1, 'WID-001', 'Widget', 499, 120), (2, 'GAD-002', 'Gadget', 1950, 40), (3, 'GIZ-003', 'Gizmo', 725, 75), (4, 'DOO-004', 'Doohickey', 1200, 0);
INSERT INTO users VALUES (1, 'Ada Lovelace', 'ada@example.com', '078-05-1120'), (2, 'Alan Turing', 'alan@example.com', '219-09-9999'), (3, 'Grace Hopper', 'grace@example.com', NULL);
INSERT INTO orders VALUES (1, 1, 2, 1, 19.50, 'paid'), (2, 2, 1, 2, 9.98, 'paid'), (3, 3, 3, 1, 7.25, 'paid'), (4, 1, 4, 2, 24.00, 'refunded');
INSERT INTO invoices VALUES (1, 1, 19.50, '2026-07-03', 1), (2, 2, 9.98, '2026-08-14', 1), (3, 3, 7.25, '2026-09-01', 0), (4, 4, 24.00, '2026-09-20', 1);
