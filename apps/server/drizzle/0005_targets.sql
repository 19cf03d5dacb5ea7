CREATE TABLE "doubling_plan" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "doubling_plan_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" char(12) NOT NULL,
	"metric" text NOT NULL,
	"base_year" integer NOT NULL,
	"base_value" numeric(20, 4) NOT NULL,
	"target_year" integer NOT NULL,
	"multiple" numeric(6, 2) DEFAULT '2' NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "doubling_region_metric" UNIQUE("region_code","metric")
);
--> statement-breakpoint
CREATE TABLE "target" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_code" char(12) NOT NULL,
	"year" integer NOT NULL,
	"metric" text NOT NULL,
	"value" numeric(20, 4) NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "target_region_year_metric" UNIQUE("region_code","year","metric")
);
