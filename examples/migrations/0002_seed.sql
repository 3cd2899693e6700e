-- Two users and an item, so a fresh database has something to show.
INSERT INTO users (name, email, hashed_password) VALUES
    ('Alice', 'alice@example.com', 'supersecretnotreallyhashed'),
    ('Bob', 'bob@example.com', 'hunter2notreallyhashed');

INSERT INTO items (owner_id, name, description, price, tax) VALUES
    (1, 'Foo', 'The Foo Wrestlers', 50.2, 10.5);
