CREATE TABLE "output_ledger" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "output_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" char(12) NOT NULL,
	"month" date NOT NULL,
	"output" numeric(20, 2) NOT NULL
);
--> statement-breakpoint
CREATE INDEX "output_ledger_region_month_idx" ON "output_ledger" USING btree ("region_code","month");