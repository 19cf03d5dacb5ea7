CREATE TABLE "job_run" (
	"job" text NOT NULL,
	"period" text NOT NULL,
	"instance" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_run_job_period_pk" PRIMARY KEY("job","period")
);
--> statement-breakpoint
ALTER TABLE "enterprise_indicator" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "enterprise_tax" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "project_node" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "project_report" ADD COLUMN "region_code" char(12);--> statement-breakpoint
ALTER TABLE "ticket_event" ADD COLUMN "region_code" char(12);