-- The exception.type of a span's first event that has one, from the events' JSON text, as the writer reads it from
-- the span (RollupDeltas). JSONB refuses two things that text may hold, the escape \u0000 and bare NaN and Infinity
-- numbers; a second try writes them as JSONB can hold them (U+FFFD, and the numbers as text), and only if that fails
-- too is the answer null. Deletions, retention and the backfill key failed spans with it: a failure here would stop
-- them.
CREATE FUNCTION arbor_first_exception_type(events JSONB) RETURNS TEXT LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT e -> 'attributes' ->> 'exception.type' FROM jsonb_array_elements(events) WITH ORDINALITY AS x(e, n) WHERE (e -> 'attributes' ->> 'exception.type') IS NOT NULL ORDER BY n LIMIT 1 $$;

CREATE FUNCTION arbor_exception_type(events TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS
$$ BEGIN RETURN arbor_first_exception_type(CAST(events AS JSONB)); EXCEPTION WHEN others THEN BEGIN RETURN arbor_first_exception_type(CAST(regexp_replace(replace(events, '\u0000', '\ufffd'), '([:\[,])(-?Infinity|NaN)(?=[,\]\}])', '\1"\2"', 'g') AS JSONB)); EXCEPTION WHEN others THEN RETURN NULL; END; END $$;
