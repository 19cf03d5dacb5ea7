ALTER TABLE "lead_followup" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "project_investment" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "ticket_department" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "ticket_file" ADD COLUMN "region_code" char(12);