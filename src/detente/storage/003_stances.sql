-- detente store, migration 3: how an undated article's window was inferred, and each article's
-- answer to the analyst's question (#6).
ALTER TABLE articles ADD COLUMN IF NOT EXISTS date_evidence VARCHAR;  -- JSON list of clues

CREATE TABLE IF NOT EXISTS stances (
    article_id VARCHAR NOT NULL,
    question VARCHAR NOT NULL,
    source VARCHAR NOT NULL,          -- the question's two actors (ids)
    target VARCHAR NOT NULL,
    direction VARCHAR NOT NULL,       -- what the question asks: away | toward | either
    label VARCHAR NOT NULL,           -- away | toward | mixed | unrelated
    score DOUBLE NOT NULL,            -- -1 (away) .. +1 (toward)
    confidence DOUBLE NOT NULL,       -- 0 .. 1: how much evidence, how one-sided
    signals VARCHAR NOT NULL,         -- JSON: weight of each signal and which drove the label
    evidence VARCHAR NOT NULL,        -- JSON: sentences (index, text, signal, weight)
    PRIMARY KEY (article_id, question)
);

CREATE TABLE IF NOT EXISTS portrayals (  -- how an article portrays each main actor
    article_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    mentions INTEGER NOT NULL,
    tone DOUBLE NOT NULL,             -- mean target-dependent tone, -1 .. +1
    positive INTEGER NOT NULL,        -- mentions in a clearly positive / negative context
    negative INTEGER NOT NULL,
    example_idx INTEGER,              -- the sentence that shows the tone best
    PRIMARY KEY (article_id, actor_id)
);
