CREATE TABLE "cultivation_pool" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cultivation_pool_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"target_register" text NOT NULL,
	"cadre_id" integer,
	"target_year" integer NOT NULL,
	"status" text DEFAULT 'cultivating' NOT NULL,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "cultivation_pool_enterprise" UNIQUE("enterprise_id","target_register")
);
--> statement-breakpoint
CREATE TABLE "register_threshold" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "register_threshold_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"category" text NOT NULL,
	"industry_prefixes" text[],
	"metric" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_indicator" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_indicator_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"month" date NOT NULL,
	"revenue" numeric(18, 2),
	"output" numeric(18, 2),
	"profit" numeric(18, 2),
	"employees" integer,
	"electricity" numeric(18, 2),
	"status" text DEFAULT 'confirmed' NOT NULL,
	"source" text NOT NULL,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "enterprise_indicator_month" UNIQUE("enterprise_id","month")
);
--> statement-breakpoint
CREATE TABLE "enterprise_tax" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_tax_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"month" date NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"source" text DEFAULT '税务口径' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "enterprise_tax_month" UNIQUE("enterprise_id","month")
);
--> statement-breakpoint
CREATE TABLE "enterprise_pool_member" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_pool_member_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"pool_id" integer NOT NULL,
	"enterprise_id" integer NOT NULL,
	"tier" text NOT NULL,
	"since" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "enterprise_pool_member_unique" UNIQUE("pool_id","enterprise_id")
);
--> statement-breakpoint
CREATE TABLE "enterprise_pool" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "enterprise_pool_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"name" text NOT NULL,
	"tiers" jsonb NOT NULL,
	"source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "enterprise_pool_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "honour_rule" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "honour_rule_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"regime" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text NOT NULL,
	"criteria" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "honour_rule_title_regime" UNIQUE("title","regime")
);
--> statement-breakpoint
CREATE TABLE "honour" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "honour_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"year" integer NOT NULL,
	"awarded_on" date,
	"expires_on" date,
	"certificate_no" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "pairing" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pairing_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"enterprise_id" integer NOT NULL,
	"cadre_id" integer NOT NULL,
	"is_primary" boolean DEFAULT true NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"note" text,
	"is_demo" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprise" ALTER COLUMN "register_status" SET DEFAULT 'below';--> statement-breakpoint
ALTER TABLE "enterprise" ALTER COLUMN "register_status" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "name_norm" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "uscc_override" text;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "industry_section" char(1);--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "industry_division" char(2);--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "register_date" date;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "exit_date" date;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "legal_person" text;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "established_on" date;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "registered_capital" numeric(18, 2);--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "facts" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "search_tokens" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "pinyin_initials" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "enterprise" ADD COLUMN "pinyin_key" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "cultivation_pool" ADD CONSTRAINT "cultivation_pool_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_indicator" ADD CONSTRAINT "enterprise_indicator_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_tax" ADD CONSTRAINT "enterprise_tax_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_pool_member" ADD CONSTRAINT "enterprise_pool_member_pool_id_enterprise_pool_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."enterprise_pool"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_pool_member" ADD CONSTRAINT "enterprise_pool_member_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "honour" ADD CONSTRAINT "honour_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pairing" ADD CONSTRAINT "pairing_enterprise_id_enterprise_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprise"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pairing_enterprise_idx" ON "pairing" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "pairing_cadre_idx" ON "pairing" USING btree ("cadre_id");--> statement-breakpoint
CREATE INDEX "enterprise_tokens_idx" ON "enterprise" USING gin ("search_tokens");--> statement-breakpoint
CREATE INDEX "enterprise_uscc_idx" ON "enterprise" USING btree ("uscc");--> statement-breakpoint
CREATE INDEX "enterprise_name_norm_idx" ON "enterprise" USING btree ("name_norm");