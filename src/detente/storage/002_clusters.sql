-- detente store, migration 2: event clusters (one real-world event, every article reporting it).
-- Rebuilt as a whole after each analyze run (Store.replace_clusters), in one transaction.
CREATE TABLE IF NOT EXISTS clusters (
    id VARCHAR PRIMARY KEY,           -- hash of the first member event's id
    source_country VARCHAR NOT NULL,
    target_country VARCHAR,
    event_type VARCHAR NOT NULL,
    quad_class INTEGER NOT NULL,
    intensity DOUBLE NOT NULL,        -- mean over the member events
    first_date DATE,
    last_date DATE,
    date_precision VARCHAR NOT NULL,  -- the finest among the members
    realised BOOLEAN NOT NULL,
    n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,       -- distinct outlets (an article without one counts as its own)
    outlets VARCHAR[],
    representative_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS cluster_events (
    event_id VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL
);
