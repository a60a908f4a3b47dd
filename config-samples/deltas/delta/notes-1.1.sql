-- Scratch queries kept next to the deltas; listed under ignore_files, so pum skips this file.
SELECT count(*) FROM sample.pipe;
