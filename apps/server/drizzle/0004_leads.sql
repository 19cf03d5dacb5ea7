CREATE TABLE "investment_plan" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "investment_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"year" integer NOT NULL,
	"region_code" char(12) NOT NULL,
	"title" text NOT NULL,
	"big_signings_target" integer NOT NULL,
	"signed_amount_target" numeric(18, 2),
	"landed_target" integer,
	"funds_in_place_target" numeric(18, 2),
	"leading_group" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "investment_plan_year_region" UNIQUE("year","region_code")
);
--> statement-breakpoint
CREATE TABLE "lead_followup" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_followup_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"lead_id" integer NOT NULL,
	"on" date NOT NULL,
	"mode" text NOT NULL,
	"content" text NOT NULL,
	"people" text,
	"by_id" integer,
	"by_name" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_signing" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_signing_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"lead_id" integer NOT NULL,
	"signed_on" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"terms" text,
	"event" text,
	"duplicate_of_id" integer,
	"duplicate_reason" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lead_stage_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_stage_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"lead_id" integer NOT NULL,
	"stage" text NOT NULL,
	"on" date NOT NULL,
	"note" text,
	"by_name" text
);
--> statement-breakpoint
CREATE TABLE "lead" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lead_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"investor_name" text NOT NULL,
	"investor_enterprise_id" integer,
	"project_name" text NOT NULL,
	"industry_code" varchar(4),
	"chain" text,
	"intended_investment" numeric(18, 2),
	"source" text NOT NULL,
	"introducer" text,
	"region_code" char(12) NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"max_stage" text DEFAULT 'lead' NOT NULL,
	"closed_reason" text,
	"owner_id" integer NOT NULL,
	"group_member_id" integer,
	"next_action" text,
	"next_action_on" date,
	"assessment" jsonb,
	"registered_on" date NOT NULL,
	"responded_on" date,
	"last_followup_on" date,
	"project_id" integer,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lead_followup" ADD CONSTRAINT "lead_followup_lead_id_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."lead"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_signing" ADD CONSTRAINT "lead_signing_lead_id_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."lead"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_stage_history" ADD CONSTRAINT "lead_stage_history_lead_id_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."lead"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead" ADD CONSTRAINT "lead_investor_enterprise_id_enterprise_id_fk" FOREIGN KEY ("investor_enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lead_region_idx" ON "lead" USING btree ("region_code");