-- The tally ledger (tally_ledger in modules/tallies/tallies.tables.ts): for each table, one statement trigger per
-- operation adds the facts of the new rows and takes away those of the old rows, netted per region, fact and day,
-- once for each region containing the row (span = significant digits of the code: province 2 … village 12).
--> statement-breakpoint
CREATE FUNCTION tally_enterprise() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in_ind' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in' AND r.stat_category = 'industry_above') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in_ind' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in' AND r.stat_category = 'industry_above') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSE
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in_ind' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in' AND r.stat_category = 'industry_above') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in_ind' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL AND r.register_status = 'in' AND r.stat_category = 'industry_above') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_insert AFTER INSERT ON enterprise
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise();
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_update AFTER UPDATE ON enterprise
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise();
--> statement-breakpoint
CREATE TRIGGER tally_enterprise_delete AFTER DELETE ON enterprise
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_enterprise();
--> statement-breakpoint
CREATE FUNCTION tally_project() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'prj:' || r.stage || ':' || r.suspended::text AS fact, DATE '1970-01-01' AS day, 1 AS n, r.total_investment::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'light:' || r.light || ':' || r.light_rev AS fact, r.light_on AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL AND r.light IS NOT NULL AND r.light_on IS NOT NULL AND r.light_rev IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'prj:' || r.stage || ':' || r.suspended::text AS fact, DATE '1970-01-01' AS day, 1 AS n, r.total_investment::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'light:' || r.light || ':' || r.light_rev AS fact, r.light_on AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL AND r.light IS NOT NULL AND r.light_on IS NOT NULL AND r.light_rev IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSE
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'prj:' || r.stage || ':' || r.suspended::text AS fact, DATE '1970-01-01' AS day, 1 AS n, r.total_investment::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'light:' || r.light || ':' || r.light_rev AS fact, r.light_on AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.deleted_at IS NULL AND r.light IS NOT NULL AND r.light_on IS NOT NULL AND r.light_rev IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'prj:' || r.stage || ':' || r.suspended::text AS fact, DATE '1970-01-01' AS day, 1 AS n, r.total_investment::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'light:' || r.light || ':' || r.light_rev AS fact, r.light_on AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.deleted_at IS NULL AND r.light IS NOT NULL AND r.light_on IS NOT NULL AND r.light_rev IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_project_insert AFTER INSERT ON project
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project();
--> statement-breakpoint
CREATE TRIGGER tally_project_update AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project();
--> statement-breakpoint
CREATE TRIGGER tally_project_delete AFTER DELETE ON project
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project();
--> statement-breakpoint
CREATE FUNCTION tally_project_investment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT p.region_code, 'inv' AS fact, r.month AS day, 0 AS n, r.amount::numeric AS amount FROM new_rows r JOIN project p ON p.id = r.project_id WHERE p.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT p.region_code, 'inv' AS fact, r.month AS day, 0 AS n, r.amount::numeric AS amount FROM old_rows r JOIN project p ON p.id = r.project_id WHERE p.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSE
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT p.region_code, 'inv' AS fact, r.month AS day, 0 AS n, r.amount::numeric AS amount FROM new_rows r JOIN project p ON p.id = r.project_id WHERE p.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT p.region_code, 'inv' AS fact, r.month AS day, 0 AS n, r.amount::numeric AS amount FROM old_rows r JOIN project p ON p.id = r.project_id WHERE p.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_project_investment_insert AFTER INSERT ON project_investment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project_investment();
--> statement-breakpoint
CREATE TRIGGER tally_project_investment_update AFTER UPDATE ON project_investment
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project_investment();
--> statement-breakpoint
CREATE TRIGGER tally_project_investment_delete AFTER DELETE ON project_investment
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project_investment();
--> statement-breakpoint
CREATE FUNCTION tally_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'lead:' || r.stage AS fact, DATE '1970-01-01' AS day, 1 AS n, coalesce(r.intended_investment, 0)::numeric AS amount FROM new_rows r) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'lead:' || r.stage AS fact, DATE '1970-01-01' AS day, 1 AS n, coalesce(r.intended_investment, 0)::numeric AS amount FROM old_rows r) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSE
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'lead:' || r.stage AS fact, DATE '1970-01-01' AS day, 1 AS n, coalesce(r.intended_investment, 0)::numeric AS amount FROM new_rows r) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'lead:' || r.stage AS fact, DATE '1970-01-01' AS day, 1 AS n, coalesce(r.intended_investment, 0)::numeric AS amount FROM old_rows r) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_lead_insert AFTER INSERT ON lead
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_lead();
--> statement-breakpoint
CREATE TRIGGER tally_lead_update AFTER UPDATE ON lead
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_lead();
--> statement-breakpoint
CREATE TRIGGER tally_lead_delete AFTER DELETE ON lead
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_lead();
--> statement-breakpoint
CREATE FUNCTION tally_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_open' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.state NOT IN ('rating', 'archived')) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_due:' || r.clock_rev AS fact, r.next_deadline AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.next_deadline IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_closed:' || r.clock_rev AS fact, date_trunc('month', r.closed_on)::date AS day, 1 AS n, (CASE WHEN r.resolve_met THEN 1 ELSE 0 END)::numeric AS amount FROM new_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.closed_on IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f2
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_open' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.state NOT IN ('rating', 'archived')) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_due:' || r.clock_rev AS fact, r.next_deadline AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.next_deadline IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_closed:' || r.clock_rev AS fact, date_trunc('month', r.closed_on)::date AS day, 1 AS n, (CASE WHEN r.resolve_met THEN 1 ELSE 0 END)::numeric AS amount FROM old_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.closed_on IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f2
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  ELSE
    INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
    SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_open' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.state NOT IN ('rating', 'archived')) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_due:' || r.clock_rev AS fact, r.next_deadline AS day, 1 AS n, 0::numeric AS amount FROM new_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.next_deadline IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
      UNION ALL
      SELECT region_code, span, fact, day, 1 * n AS n, 1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_closed:' || r.clock_rev AS fact, date_trunc('month', r.closed_on)::date AS day, 1 AS n, (CASE WHEN r.resolve_met THEN 1 ELSE 0 END)::numeric AS amount FROM new_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.closed_on IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f2
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_open' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.state NOT IN ('rating', 'archived')) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f0
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_due:' || r.clock_rev AS fact, r.next_deadline AS day, 1 AS n, 0::numeric AS amount FROM old_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.next_deadline IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f1
      UNION ALL
      SELECT region_code, span, fact, day, -1 * n AS n, -1 * amount AS amount FROM (SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_closed:' || r.clock_rev AS fact, date_trunc('month', r.closed_on)::date AS day, 1 AS n, (CASE WHEN r.resolve_met THEN 1 ELSE 0 END)::numeric AS amount FROM old_rows r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.closed_on IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)) f2
    ) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_ticket_insert AFTER INSERT ON ticket
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_ticket();
--> statement-breakpoint
CREATE TRIGGER tally_ticket_update AFTER UPDATE ON ticket
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_ticket();
--> statement-breakpoint
CREATE TRIGGER tally_ticket_delete AFTER DELETE ON ticket
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_ticket();
--> statement-breakpoint
-- a project deleted, restored or moved to another region takes its completed investment with it
CREATE FUNCTION tally_project_investment_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
  SELECT rpad(left(x.region_code, s.span), 12, '0'), s.span, 'inv', x.month, 0, sum(x.amount) FROM (
    SELECT n.region_code, i.month, i.amount
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN project_investment i ON i.project_id = n.id
    WHERE n.deleted_at IS NULL AND (o.deleted_at IS NOT NULL OR o.region_code <> n.region_code)
    UNION ALL
    SELECT o.region_code, i.month, -i.amount
    FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN project_investment i ON i.project_id = o.id
    WHERE o.deleted_at IS NULL AND (n.deleted_at IS NOT NULL OR o.region_code <> n.region_code)
  ) x CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  GROUP BY 1, 2, x.month HAVING sum(x.amount) <> 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER tally_project_investment_move AFTER UPDATE ON project
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_project_investment_move();
--> statement-breakpoint
-- the facts of the rows already there
INSERT INTO tally_ledger (region_code, span, fact, day, n, amount)
SELECT region_code, span, fact, day, sum(n), sum(amount) FROM (
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM enterprise r WHERE r.deleted_at IS NULL AND r.register_status = 'in') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'ent_in_ind' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM enterprise r WHERE r.deleted_at IS NULL AND r.register_status = 'in' AND r.stat_category = 'industry_above') q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'prj:' || r.stage || ':' || r.suspended::text AS fact, DATE '1970-01-01' AS day, 1 AS n, r.total_investment::numeric AS amount FROM project r WHERE r.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'light:' || r.light || ':' || r.light_rev AS fact, r.light_on AS day, 1 AS n, 0::numeric AS amount FROM project r WHERE r.deleted_at IS NULL AND r.light IS NOT NULL AND r.light_on IS NOT NULL AND r.light_rev IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT p.region_code, 'inv' AS fact, r.month AS day, 0 AS n, r.amount::numeric AS amount FROM project_investment r JOIN project p ON p.id = r.project_id WHERE p.deleted_at IS NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'lead:' || r.stage AS fact, DATE '1970-01-01' AS day, 1 AS n, coalesce(r.intended_investment, 0)::numeric AS amount FROM lead r) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_open' AS fact, DATE '1970-01-01' AS day, 1 AS n, 0::numeric AS amount FROM ticket r WHERE r.state NOT IN ('rating', 'archived')) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_due:' || r.clock_rev AS fact, r.next_deadline AS day, 1 AS n, 0::numeric AS amount FROM ticket r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.next_deadline IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
  UNION ALL
  SELECT rpad(left(q.region_code, s.span), 12, '0') AS region_code, s.span AS span, q.fact, q.day, q.n, q.amount FROM (SELECT r.region_code, 'tkt_closed:' || r.clock_rev AS fact, date_trunc('month', r.closed_on)::date AS day, 1 AS n, (CASE WHEN r.resolve_met THEN 1 ELSE 0 END)::numeric AS amount FROM ticket r WHERE r.clock_rev IS NOT NULL AND NOT r.paused AND r.closed_on IS NOT NULL) q CROSS JOIN (VALUES (2), (4), (6), (9), (12)) s(span)
) x GROUP BY region_code, span, fact, day HAVING sum(n) <> 0 OR sum(amount) <> 0;
