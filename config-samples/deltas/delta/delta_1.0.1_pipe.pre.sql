CREATE SCHEMA IF NOT EXISTS sample;
CREATE TABLE sample.material (code text PRIMARY KEY, label text NOT NULL);
