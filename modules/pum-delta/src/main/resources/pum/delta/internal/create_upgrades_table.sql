-- The upgrades table, in PUM 0.x's layout so that PUM and pum can take turns on one database,
-- plus pum's nullable journal columns (PUM neither reads nor writes them).
-- {schema} and {table} are replaced by quoted identifiers. No semicolon may appear but as a statement end.
CREATE SCHEMA IF NOT EXISTS {schema};
CREATE TABLE IF NOT EXISTS {table} (
    id serial PRIMARY KEY,
    version varchar(50) NOT NULL,
    description varchar(200) NOT NULL,
    type integer NOT NULL,
    script varchar(1000) NOT NULL,
    checksum varchar(32) NOT NULL,
    installed_by varchar(100) NOT NULL,
    installed_on timestamp NOT NULL DEFAULT now(),
    execution_time integer NOT NULL,
    success boolean NOT NULL,
    pum_state text,
    pum_progress integer,
    pum_statements integer,
    pum_batch text,
    EXCLUDE (version WITH =) WHERE (type = 0)
);
