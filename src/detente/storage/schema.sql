-- detente store, migration 1. Ids are content hashes: inserting the same record twice is a no-op.
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);

CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,           -- hash of normalised cleaned text
    uri VARCHAR NOT NULL,             -- where it was read (path, path#line, URL)
    title VARCHAR,
    author VARCHAR,
    source VARCHAR,                   -- outlet / site name
    url VARCHAR,
    published DATE,
    date_precision VARCHAR,           -- day | month | year | unknown
    date_source VARCHAR,              -- metadata | dateline | text-years | none
    published_from DATE,
    published_to DATE,
    language VARCHAR,
    format VARCHAR,                   -- txt | md | html | jsonl
    removed_lines INTEGER,            -- boilerplate lines the cleaner removed
    n_words INTEGER,
    text VARCHAR NOT NULL,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS article_sources (  -- every uri an article was read from (duplicates)
    article_id VARCHAR NOT NULL,
    uri VARCHAR NOT NULL,
    PRIMARY KEY (article_id, uri)
);

CREATE TABLE IF NOT EXISTS skipped (
    id VARCHAR PRIMARY KEY,
    uri VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    detail VARCHAR,
    skipped_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,            -- country | person | organisation | igo | group
    country VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    aliases VARCHAR[]
);

CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    actor_id VARCHAR,                 -- NULL: named but not in the dictionary (unresolved)
    method VARCHAR NOT NULL,
    label VARCHAR,
    country VARCHAR                   -- country of the actor, or a guess from context when unresolved
);

CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence_idx INTEGER NOT NULL,
    trigger VARCHAR NOT NULL,
    trigger_start INTEGER NOT NULL,   -- character offsets into articles.text
    trigger_end INTEGER NOT NULL,
    source_actor_id VARCHAR NOT NULL,
    source_text VARCHAR NOT NULL,
    target_actor_id VARCHAR,          -- NULL: no target ("Russia mobilised its reserves")
    target_text VARCHAR,
    source_country VARCHAR NOT NULL,
    source_sector VARCHAR NOT NULL,
    target_country VARCHAR,
    target_sector VARCHAR,
    event_type VARCHAR NOT NULL,      -- PLOVER
    mode VARCHAR,
    quad_class INTEGER NOT NULL,      -- 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    intensity DOUBLE NOT NULL,        -- -10 .. +10
    cameo VARCHAR,
    event_date DATE,
    date_precision VARCHAR,
    negated BOOLEAN NOT NULL,
    modality VARCHAR NOT NULL,        -- asserted | reported | hypothetical | future | habitual
    realised BOOLEAN NOT NULL,        -- counted in aggregates
    attribution VARCHAR,
    confidence DOUBLE,
    rule VARCHAR
);

CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    inputs VARCHAR,
    question VARCHAR,
    articles_read INTEGER,
    articles_new INTEGER,
    skipped INTEGER
);
