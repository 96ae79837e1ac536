-- journeykit store: read-only views with names resolved, for SQL clients and BI
-- tools. They cost nothing until queried. Timestamps as ISO 8601 UTC text.

CREATE VIEW event_view AS
SELECT e.id AS event_id,
       s.name AS source,
       c.text AS case_id,
       a.text AS activity,
       e.ts AS timestamp_us,
       strftime('%Y-%m-%dT%H:%M:%fZ', e.ts / 1000000.0, 'unixepoch') AS timestamp,
       r.text AS resource,
       d.text AS department,
       ch.text AS channel,
       l.text AS lifecycle
FROM event e
JOIN trace t ON t.id = e.trace_id
JOIN source s ON s.id = t.source_id
JOIN name c ON c.id = t.case_name
LEFT JOIN name a ON a.id = e.activity
LEFT JOIN name r ON r.id = e.resource
LEFT JOIN name d ON d.id = e.department
LEFT JOIN name ch ON ch.id = e.channel
LEFT JOIN name l ON l.id = e.lifecycle;

CREATE VIEW event_attr_view AS
SELECT x.event_id AS event_id,
       k.text AS key,
       CASE x.type WHEN 0 THEN 'string' WHEN 1 THEN 'int' WHEN 2 THEN 'float'
                   WHEN 3 THEN 'boolean' WHEN 4 THEN 'date' WHEN 5 THEN 'id' ELSE 'list' END AS type,
       CASE WHEN x.type IN (0, 5, 6) THEN v.text
            WHEN x.type = 4 THEN strftime('%Y-%m-%dT%H:%M:%fZ', x.value / 1000000.0, 'unixepoch')
            ELSE x.value END AS value
FROM event_attr x
JOIN name k ON k.id = x.key
LEFT JOIN name v ON x.type IN (0, 5, 6) AND v.id = x.value;

CREATE VIEW event_object_view AS
SELECT eo.event_id AS event_id,
       t.text AS object_type,
       n.text AS object_id,
       q.text AS qualifier
FROM event_object eo
JOIN object o ON o.id = eo.object_id
JOIN name t ON t.id = o.type
JOIN name n ON n.id = o.name
LEFT JOIN name q ON q.id = eo.qualifier;
