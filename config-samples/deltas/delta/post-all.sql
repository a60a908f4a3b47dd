CREATE VIEW sample.vw_pipe AS
SELECT p.id, p.material, m.label AS material_label, p.srid
FROM sample.pipe p LEFT JOIN sample.material m ON m.code = p.material;
