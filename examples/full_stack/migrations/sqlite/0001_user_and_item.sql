-- The PostgreSQL schema (../postgres/0001_user_and_item.sql) in SQLite's types: sqlx stores
-- a UUID as a 16-byte BLOB and a timestamp as RFC 3339 TEXT.
CREATE TABLE IF NOT EXISTS "user" (
    email VARCHAR(255) NOT NULL,
    is_active BOOLEAN NOT NULL,
    is_superuser BOOLEAN NOT NULL,
    full_name VARCHAR(255),
    hashed_password VARCHAR NOT NULL,
    id BLOB NOT NULL,
    created_at TEXT,
    CONSTRAINT user_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ix_user_email ON "user" (email);

CREATE TABLE IF NOT EXISTS item (
    description VARCHAR(255),
    title VARCHAR(255) NOT NULL,
    id BLOB NOT NULL,
    owner_id BLOB NOT NULL,
    created_at TEXT,
    CONSTRAINT item_pkey PRIMARY KEY (id),
    CONSTRAINT item_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES "user" (id) ON DELETE CASCADE
);
