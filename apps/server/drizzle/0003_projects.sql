CREATE TABLE "node_template" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "node_template_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"nodes" jsonb NOT NULL,
	"source" text,
	CONSTRAINT "node_template_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "project_investment" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_investment_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "project_investment_month" UNIQUE("project_id","month")
);
--> statement-breakpoint
CREATE TABLE "project_node" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_node_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"department_id" integer,
	"department_name" text,
	"days" integer NOT NULL,
	"after" text[] NOT NULL,
	"gate" text,
	"start_date" date NOT NULL,
	"actual_start" date,
	"actual_done" date,
	"note" text,
	CONSTRAINT "project_node_key" UNIQUE("project_id","key")
);
--> statement-breakpoint
CREATE TABLE "project_plan" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"year" integer NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	CONSTRAINT "project_plan_year" UNIQUE("project_id","year")
);
--> statement-breakpoint
CREATE TABLE "project_report" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_report_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"period" text NOT NULL,
	"progress" text NOT NULL,
	"investment" numeric(18, 2) NOT NULL,
	"problems" text,
	"next_steps" text,
	"ticket_id" integer,
	"reported_by" integer,
	"reported_by_name" text,
	"reported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	CONSTRAINT "project_report_period" UNIQUE("project_id","period")
);
--> statement-breakpoint
CREATE TABLE "project_stage_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_stage_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"stage" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" varchar(24),
	"name" text NOT NULL,
	"enterprise_id" integer,
	"lead_id" integer,
	"region_code" char(12) NOT NULL,
	"industry_code" varchar(4),
	"chain" text,
	"chain_role" text,
	"nature" text,
	"approval_type" text,
	"total_investment" numeric(18, 2) NOT NULL,
	"construction_content" text,
	"expected_output" numeric(18, 2),
	"expected_tax" numeric(18, 2),
	"expected_jobs" integer,
	"planned_start" date,
	"planned_production" date,
	"actual_start" date,
	"actual_production" date,
	"stage" text DEFAULT 'planning' NOT NULL,
	"suspended" boolean DEFAULT false NOT NULL,
	"suspend_reason" text,
	"leader_id" integer,
	"responsible_dept_id" integer,
	"responsible_user_id" integer,
	"report_cycle" text DEFAULT 'monthly' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "project_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "project_investment" ADD CONSTRAINT "project_investment_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_node" ADD CONSTRAINT "project_node_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_plan" ADD CONSTRAINT "project_plan_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_report" ADD CONSTRAINT "project_report_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_stage_history" ADD CONSTRAINT "project_stage_history_project_id_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project" ADD CONSTRAINT "project_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_region_idx" ON "project" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "project_enterprise_idx" ON "project" USING btree ("enterprise_id");