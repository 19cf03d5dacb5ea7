-- 规上工业产值 ledger (see output_ledger in enterprises.tables.ts): statement triggers add the signed change of
-- every statement that touches confirmed outputs or an enterprise's membership of the industrial register.
CREATE FUNCTION output_ledger_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO output_ledger (region_code, month, output)
    SELECT e.region_code, o.month, -sum(o.output)
    FROM old_rows o JOIN enterprise e ON e.id = o.enterprise_id
    WHERE o.status = 'confirmed' AND o.output IS NOT NULL
      AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in'
    GROUP BY e.region_code, o.month;
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO output_ledger (region_code, month, output)
    SELECT e.region_code, n.month, sum(n.output)
    FROM new_rows n JOIN enterprise e ON e.id = n.enterprise_id
    WHERE n.status = 'confirmed' AND n.output IS NOT NULL
      AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in'
    GROUP BY e.region_code, n.month;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER output_ledger_indicator_insert AFTER INSERT ON enterprise_indicator
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION output_ledger_indicator();
--> statement-breakpoint
CREATE TRIGGER output_ledger_indicator_update AFTER UPDATE ON enterprise_indicator
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION output_ledger_indicator();
--> statement-breakpoint
CREATE TRIGGER output_ledger_indicator_delete AFTER DELETE ON enterprise_indicator
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION output_ledger_indicator();
--> statement-breakpoint
-- An enterprise that joins or leaves the register (category, status, deletion) or moves region takes its
-- confirmed outputs with it. Indicators cannot exist before their enterprise, and enterprises are never
-- hard-deleted while they have indicators (foreign key), so UPDATE is the only case.
CREATE FUNCTION output_ledger_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT o.id, o.region_code AS old_region, n.region_code AS new_region,
      (o.deleted_at IS NULL AND o.stat_category IS NOT DISTINCT FROM 'industry_above' AND o.register_status = 'in') AS was_in,
      (n.deleted_at IS NULL AND n.stat_category IS NOT DISTINCT FROM 'industry_above' AND n.register_status = 'in') AS is_in
    FROM old_rows o JOIN new_rows n ON n.id = o.id
  ), moved AS (
    SELECT * FROM changed WHERE was_in IS DISTINCT FROM is_in OR (is_in AND old_region <> new_region)
  )
  INSERT INTO output_ledger (region_code, month, output)
  SELECT x.region, i.month, sum(x.sign * i.output)
  FROM (
    SELECT id, old_region AS region, -1 AS sign FROM moved WHERE was_in
    UNION ALL
    SELECT id, new_region AS region, 1 AS sign FROM moved WHERE is_in
  ) x
  JOIN enterprise_indicator i ON i.enterprise_id = x.id
  WHERE i.status = 'confirmed' AND i.output IS NOT NULL
  GROUP BY x.region, i.month;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER output_ledger_enterprise_update AFTER UPDATE ON enterprise
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION output_ledger_enterprise();
--> statement-breakpoint
INSERT INTO output_ledger (region_code, month, output)
SELECT e.region_code, i.month, sum(i.output)
FROM enterprise_indicator i JOIN enterprise e ON e.id = i.enterprise_id
WHERE i.status = 'confirmed' AND i.output IS NOT NULL
  AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in'
GROUP BY e.region_code, i.month;
