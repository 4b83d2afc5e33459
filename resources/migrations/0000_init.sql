CREATE TABLE `attempts` (
	`id` integer PRIMARY KEY NOT NULL,
	`job_id` integer NOT NULL,
	`n` integer NOT NULL,
	`flow_version` integer NOT NULL,
	`worker_id` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`duration_ms` integer,
	`outcome` text NOT NULL,
	`error_code` text,
	`error_message` text,
	`error_stack` text,
	`error_line` integer,
	`error_column` integer,
	FOREIGN KEY (`job_id`) REFERENCES `jobs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attempts_job_n` ON `attempts` (`job_id`,`n`);--> statement-breakpoint
CREATE TABLE `flow_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`flow_id` integer NOT NULL,
	`version` integer NOT NULL,
	`code` text NOT NULL,
	`code_hash` text NOT NULL,
	`js` text NOT NULL,
	`map` text,
	`syntax_error` text,
	`saved_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flow_versions_flow_version` ON `flow_versions` (`flow_id`,`version`);--> statement-breakpoint
CREATE TABLE `flows` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`version` integer NOT NULL,
	`code` text NOT NULL,
	`code_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `flows_name_unique` ON `flows` (`name`);--> statement-breakpoint
CREATE TABLE `jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`queue` text NOT NULL,
	`status` text NOT NULL,
	`payload` text,
	`result` text,
	`error_code` text,
	`error` text,
	`priority` integer DEFAULT 0 NOT NULL,
	`idempotency_key` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`counted_attempts` integer DEFAULT 0 NOT NULL,
	`last_flow_version` integer,
	`worker_id` text,
	`created_at` integer NOT NULL,
	`run_at` integer NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	`duration_ms` integer,
	`lease_expires_at` integer
);
--> statement-breakpoint
CREATE INDEX `jobs_claim` ON `jobs` (`queue`,`status`,"priority" desc,`run_at`,`id`) WHERE "jobs"."status" = 'pending';--> statement-breakpoint
CREATE INDEX `jobs_queue_id` ON `jobs` (`queue`,"id" desc);--> statement-breakpoint
CREATE INDEX `jobs_queue_status_id` ON `jobs` (`queue`,`status`,"id" desc);--> statement-breakpoint
CREATE INDEX `jobs_queue_finished` ON `jobs` (`queue`,`finished_at`) WHERE "jobs"."finished_at" is not null;--> statement-breakpoint
CREATE INDEX `jobs_pending_run_at` ON `jobs` (`queue`,`run_at`) WHERE "jobs"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX `jobs_idempotency` ON `jobs` (`queue`,`idempotency_key`) WHERE "jobs"."idempotency_key" is not null;--> statement-breakpoint
CREATE TABLE `log_truncations` (
	`owner` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `logs` (
	`id` integer PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`seq` integer NOT NULL,
	`ts` integer NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `logs_owner_seq` ON `logs` (`owner`,`seq`);--> statement-breakpoint
CREATE TABLE `queues` (
	`name` text PRIMARY KEY NOT NULL,
	`flow_id` integer NOT NULL,
	`concurrency` integer NOT NULL,
	`max_attempts` integer NOT NULL,
	`visibility_timeout_sec` integer NOT NULL,
	`backoff_initial_ms` integer NOT NULL,
	`backoff_max_ms` integer NOT NULL,
	`backoff_multiplier` real NOT NULL,
	`hang_after_sec` integer NOT NULL,
	`connect_timeout_ms` integer NOT NULL,
	`enabled` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `runs` (
	`run_id` text PRIMARY KEY NOT NULL,
	`flow_id` integer NOT NULL,
	`flow_version` integer,
	`status` text NOT NULL,
	`input` text,
	`result` text,
	`error` text,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`duration_ms` integer,
	FOREIGN KEY (`flow_id`) REFERENCES `flows`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `runs_flow_started` ON `runs` (`flow_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `runs_status` ON `runs` (`status`);