-- 规上工业产值 moves from output_ledger (dropped in 0016) into tally_ledger as the fact `out` (by month, at every
-- region level): one ledger, one compaction, and a province reads one row per month instead of one per town.
DROP FUNCTION IF EXISTS output_ledger_indicator() CASCADE
--> statement-breakpoint
DROP FUNCTION IF EXISTS output_ledger_enterprise() CASCADE
--> statement-breakpoint
CREATE FUNCTION tally_enterprise_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT e.region_code, 'out' AS fact, r.month AS day, 0 AS n, r.output::numeric AS amount FROM new_rows r JOIN enterprise e ON e.id = r.enterprise_id WHERE r.status = 'confirmed' AND r.output IS NOT NULL AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT e.region_code, 'out' AS fact, r.month AS day, 0 AS n, r.output::numeric AS amount FROM old_rows r JOIN enterprise e ON e.id = r.enterprise_id WHERE r.status = 'confirmed' AND r.output IS NOT NULL AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSE
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT e.region_code, 'out' AS fact, r.month AS day, 0 AS n, r.output::numeric AS amount FROM new_rows r JOIN enterprise e ON e.id = r.enterprise_id WHERE r.status = 'confirmed' AND r.output IS NOT NULL AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT e.region_code, 'out' AS fact, r.month AS day, 0 AS n, r.output::numeric AS amount FROM old_rows r JOIN enterprise e ON e.id = r.enterprise_id WHERE r.status = 'confirmed' AND r.output IS NOT NULL AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_indicator_insert AFTER INSERT ON enterprise_indicator
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise_indicator();
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_indicator_update AFTER UPDATE ON enterprise_indicator
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise_indicator();
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_indicator_delete AFTER DELETE ON enterprise_indicator
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise_indicator();
--> statement-breakpoint
-- an enterprise that joins or leaves the industrial register (category, status, deletion) or moves takes its confirmed output with it
CREATE FUNCTION tally_enterprise_output_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
  SELECT rpad(left(x.region_code, s.span), 12, '0'), s.span, 'out', x.day, 0, sum(x.amount) FROM (
    SELECT n.region_code, c.month AS day, c.output AS amount
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN enterprise_indicator c ON c.enterprise_id = n.id
    WHERE c.status = 'confirmed' AND c.output IS NOT NULL AND (n.deleted_at IS NULL AND n.stat_category IS NOT DISTINCT FROM 'industry_above' AND n.register_status = 'in') AND (NOT (o.deleted_at IS NULL AND o.stat_category IS NOT DISTINCT FROM 'industry_above' AND o.register_status = 'in') OR o.region_code <> n.region_code)
    UNION ALL
    SELECT o.region_code, c.month, -c.output
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN enterprise_indicator c ON c.enterprise_id = o.id
    WHERE c.status = 'confirmed' AND c.output IS NOT NULL AND (o.deleted_at IS NULL AND o.stat_category IS NOT DISTINCT FROM 'industry_above' AND o.register_status = 'in') AND (NOT (n.deleted_at IS NULL AND n.stat_category IS NOT DISTINCT FROM 'industry_above' AND n.register_status = 'in') OR o.region_code <> n.region_code)
  ) x CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  GROUP BY 1, 2, x.day HAVING sum(x.amount) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_output_move AFTER UPDATE ON enterprise
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise_output_move();
--> statement-breakpoint
-- the confirmed outputs already there
INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
SELECT rpad(left(q.region_code, s.span), 12, '0'), s.span, q.fact, q.day, sum(q.n), sum(q.amount) FROM (
  SELECT e.region_code, 'out' AS fact, r.month AS day, 0 AS n, r.output::numeric AS amount FROM enterprise_indicator r JOIN enterprise e ON e.id = r.enterprise_id WHERE r.status = 'confirmed' AND r.output IS NOT NULL AND e.deleted_at IS NULL AND e.stat_category = 'industry_above' AND e.register_status = 'in'
) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
GROUP BY 1, 2, q.fact, q.day HAVING sum(q.amount) <> 0;
