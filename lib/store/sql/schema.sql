-- journeykit store: the tables. Layout version 1.0 (the numbers live in
-- journeykit_meta and in journey/store/store.hpp; docs/store.md describes every table).
--
-- Conventions: every string (case id, activity, resource, department, channel,
-- lifecycle, attribute key, string attribute value, object type, object id,
-- qualifier) is stored once in `name`; other tables hold its id. NULL stands for
-- "no value" (the empty string of the in-memory log). Timestamps are INTEGER
-- microseconds since 1970-01-01T00:00:00Z. Events, traces and rejected rows of one
-- source occupy one contiguous id range, written in one transaction.

CREATE TABLE journeykit_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE name (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
);

-- One row per import (a departmental export, an OCEL file, a stitched result).
CREATE TABLE source (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,            -- 'log', 'ocel' or 'stitched'
    journey_type     TEXT NOT NULL DEFAULT '',
    file_name        TEXT NOT NULL DEFAULT '',
    format           TEXT NOT NULL DEFAULT '',
    content_hash     TEXT NOT NULL DEFAULT '', -- 'sha256:<64 hex digits>' of the file, '' unknown
    records          INTEGER NOT NULL DEFAULT 0,
    rejected         INTEGER NOT NULL DEFAULT 0,
    timestamp_format TEXT NOT NULL DEFAULT '',
    imported_at      TEXT NOT NULL,            -- ISO 8601 UTC
    first_trace      INTEGER NOT NULL,
    traces           INTEGER NOT NULL,
    first_event      INTEGER NOT NULL,
    events           INTEGER NOT NULL
);
CREATE INDEX source_by_hash ON source(content_hash);

-- How the reader mapped source columns to roles (role 'case' <- column 'Case ID').
CREATE TABLE source_mapping (
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq       INTEGER NOT NULL,
    role      TEXT NOT NULL,
    column    TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;

CREATE TABLE source_warning (
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq       INTEGER NOT NULL,
    message   TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;

-- Every record the reader rejected, with the reason (all of them, not only the first N).
CREATE TABLE rejected_row (
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq       INTEGER NOT NULL,
    line      INTEGER NOT NULL,
    col       INTEGER NOT NULL,
    reason    TEXT NOT NULL,
    record    TEXT NOT NULL,
    PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;

-- Log-level metadata (XES log attributes, extensions, globals, classifiers), in order.
-- kind 'attribute': a=key b=type c=value; 'extension': a=name b=prefix c=uri;
-- 'global': a=scope b=key c=type d=value; 'classifier': a=name b=keys.
CREATE TABLE log_meta (
    source_id INTEGER NOT NULL REFERENCES source(id),
    seq       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    a         TEXT NOT NULL DEFAULT '',
    b         TEXT NOT NULL DEFAULT '',
    c         TEXT NOT NULL DEFAULT '',
    d         TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (source_id, seq)
) WITHOUT ROWID;

-- One row per case (journey) of a source, in log order; its events are the id range
-- [first_event, first_event + events).
CREATE TABLE trace (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES source(id),
    case_name   INTEGER NOT NULL REFERENCES name(id),
    first_event INTEGER NOT NULL,
    events      INTEGER NOT NULL
);

-- One row per event, in log order (grouped by trace, sorted by time within it).
CREATE TABLE event (
    id         INTEGER PRIMARY KEY,
    trace_id   INTEGER NOT NULL REFERENCES trace(id),
    activity   INTEGER REFERENCES name(id),
    ts         INTEGER,
    resource   INTEGER REFERENCES name(id),
    department INTEGER REFERENCES name(id),
    channel    INTEGER REFERENCES name(id),
    lifecycle  INTEGER REFERENCES name(id)
);

-- Typed attributes. type: 0 string, 1 int, 2 float, 3 boolean, 4 date, 5 id, 6 list.
-- value: INTEGER for int, boolean (0/1) and date (microseconds); REAL for float (NULL
-- for NaN); a name id for string, id and list.
CREATE TABLE event_attr (
    event_id INTEGER NOT NULL,
    key      INTEGER NOT NULL,
    type     INTEGER NOT NULL,
    value,
    PRIMARY KEY (event_id, key, type)
) WITHOUT ROWID;

CREATE TABLE case_attr (
    trace_id INTEGER NOT NULL,
    key      INTEGER NOT NULL,
    type     INTEGER NOT NULL,
    value,
    PRIMARY KEY (trace_id, key, type)
) WITHOUT ROWID;

-- Objects (OCEL 2.0): shared by every source, identified by (type, name).
CREATE TABLE object (
    id   INTEGER PRIMARY KEY,
    type INTEGER NOT NULL REFERENCES name(id),
    name INTEGER NOT NULL REFERENCES name(id),
    UNIQUE (type, name)
);

-- Event-to-object relations; seq orders the links of one event.
CREATE TABLE event_object (
    event_id  INTEGER NOT NULL,
    seq       INTEGER NOT NULL,
    object_id INTEGER NOT NULL REFERENCES object(id),
    qualifier INTEGER REFERENCES name(id),
    PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;
CREATE INDEX event_object_by_object ON event_object(object_id);

-- Object attribute values over time (OCEL 2.0), as recorded by a source.
CREATE TABLE object_attr (
    id        INTEGER PRIMARY KEY,
    source_id INTEGER NOT NULL REFERENCES source(id),
    object_id INTEGER NOT NULL REFERENCES object(id),
    key       INTEGER NOT NULL REFERENCES name(id),
    type      INTEGER NOT NULL,
    value,
    ts        INTEGER
);
CREATE INDEX object_attr_by_object ON object_attr(object_id);

-- Object-to-object relations (OCEL 2.0), as recorded by a source.
CREATE TABLE object_object (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES source(id),
    from_object INTEGER NOT NULL REFERENCES object(id),
    to_object   INTEGER NOT NULL REFERENCES object(id),
    qualifier   INTEGER REFERENCES name(id)
);
CREATE INDEX object_object_by_from ON object_object(from_object);
