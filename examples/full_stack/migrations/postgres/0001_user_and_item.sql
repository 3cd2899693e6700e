-- The schema the template's Alembic migrations leave (e2412789c190 -> 9c0a54914c78 ->
-- d98dd8ec85a3 -> 1a31ce608336 -> fe56fa70289e): same tables, columns in the same order,
-- same types, constraint and index names. `IF NOT EXISTS`, so a database the template's
-- Alembic already migrated is used as it is.
CREATE TABLE IF NOT EXISTS "user" (
    email VARCHAR(255) NOT NULL,
    is_active BOOLEAN NOT NULL,
    is_superuser BOOLEAN NOT NULL,
    full_name VARCHAR(255),
    hashed_password VARCHAR NOT NULL,
    id UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT user_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX IF NOT EXISTS ix_user_email ON "user" (email);

CREATE TABLE IF NOT EXISTS item (
    description VARCHAR(255),
    title VARCHAR(255) NOT NULL,
    id UUID NOT NULL,
    owner_id UUID NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT item_pkey PRIMARY KEY (id),
    CONSTRAINT item_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES "user" (id) ON DELETE CASCADE
);
