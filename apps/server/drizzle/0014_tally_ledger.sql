CREATE TABLE "tally_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tally_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" char(12) NOT NULL,
	"span" smallint NOT NULL,
	"fact" text NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	"amount" numeric(20, 2) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "tally_ledger_fact_span_region_day_idx" ON "tally_ledger" USING btree ("fact","span","region_code","day");--> statement-breakpoint
CREATE INDEX "project_light_rev_idx" ON "project" USING btree ("light_rev");--> statement-breakpoint
CREATE INDEX "project_light_null_idx" ON "project" USING btree ("id") WHERE "project"."light" is null;