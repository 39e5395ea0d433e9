-- DOC-1: every install starts with the manual's categories (admin-editable afterwards).
-- 合同类 defaults its documents to 重要 (DOC-5: loans of at most 3 working days).
INSERT INTO "document_categories" ("code", "name", "parent_id", "default_important", "sort_order", "created_at", "updated_at")
VALUES
  ('ZD', '制度类', NULL, false, 10, now(), now()),
  ('HT', '合同类', NULL, true, 20, now(), now()),
  ('XM', '项目类', NULL, false, 30, now(), now()),
  ('HY', '会议类', NULL, false, 40, now(), now())
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "document_categories" ("code", "name", "parent_id", "default_important", "sort_order", "created_at", "updated_at")
SELECT v.code, v.name, p.id, v.important, v.sort_order, now(), now()
FROM (VALUES ('ZD-HR', '人力资源', 'ZD', false, 10), ('HT-SX', '销售合同', 'HT', true, 10)) AS v(code, name, parent, important, sort_order)
JOIN "document_categories" p ON p.code = v.parent
ON CONFLICT DO NOTHING;
