-- Tables of the shared eventing layer (module `eventing`), in every service's own schema.

-- Transactional outbox: an event is written here in the same transaction as the state change it reports;
-- the relay publishes it to Kafka and then deletes the row (ARCHITECTURE.md invariant 2).
CREATE TABLE outbox_event (
    seq         BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    record_key  TEXT        NOT NULL,
    ce_type     TEXT        NOT NULL,
    ce_source   TEXT        NOT NULL,
    ce_time     TIMESTAMPTZ NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Idempotent consumers: the ce_id of every event a consumer applied, written in the same transaction as its effect
-- (ARCHITECTURE.md invariant 3).
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    ce_id        TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, ce_id)
);
