ALTER TABLE "project" ADD COLUMN "light" text;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "light_on" date;--> statement-breakpoint
ALTER TABLE "project" ADD COLUMN "light_rev" text;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "clock_rev" text;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "next_deadline" date;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "late_clock" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "met_clock" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket" ADD COLUMN "resolve_met" boolean;--> statement-breakpoint
CREATE INDEX "project_light_idx" ON "project" USING btree ("light_on","light");--> statement-breakpoint
CREATE INDEX "ticket_closed_on_idx" ON "ticket" USING btree ("closed_on");--> statement-breakpoint
CREATE INDEX "ticket_next_deadline_idx" ON "ticket" USING btree ("next_deadline");--> statement-breakpoint
CREATE INDEX "ticket_clock_rev_idx" ON "ticket" USING btree ("clock_rev");--> statement-breakpoint
CREATE INDEX "ticket_paused_idx" ON "ticket" USING btree ("id") WHERE "ticket"."paused";