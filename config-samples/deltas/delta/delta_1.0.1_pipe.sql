-- %(srid)s comes from "-v int srid 2056" (PUM's syntax; %% is a literal percent sign
-- only when variables are given).
CREATE TABLE sample.pipe (
    id serial PRIMARY KEY,
    material text REFERENCES sample.material,
    srid int NOT NULL DEFAULT %(srid)s
);

COMMENT ON TABLE sample.pipe IS 'pipes; 100%% of them have a material';

CREATE FUNCTION sample.pipe_label(p sample.pipe) RETURNS text LANGUAGE plpgsql AS $fn$
BEGIN
    -- semicolons and quotes inside dollar quotes are fine
    RETURN 'pipe ' || p.id || '; ' || coalesce(p.material, E'\'none\'');
END;
$fn$;
