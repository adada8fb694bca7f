CREATE TABLE `club_members` (
	`club_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`club_id`, `user_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "club_members_role" CHECK("club_members"."role" IN ('owner', 'editor', 'viewer'))
);
--> statement-breakpoint
CREATE INDEX `club_members_user` ON `club_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`refresh_hash` text NOT NULL,
	`previous_refresh_hash` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_seen_at` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `devices_refresh_hash_unique` ON `devices` (`refresh_hash`);--> statement-breakpoint
CREATE INDEX `devices_user` ON `devices` (`user_id`);--> statement-breakpoint
CREATE INDEX `devices_previous_refresh` ON `devices` (`previous_refresh_hash`);--> statement-breakpoint
CREATE TABLE `ops` (
	`scope` text NOT NULL,
	`seq` integer NOT NULL,
	`op_id` text NOT NULL,
	`hlc` text NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL,
	`device_id` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`scope`, `seq`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ops_op_id_unique` ON `ops` (`op_id`);--> statement-breakpoint
CREATE TABLE `scope_heads` (
	`scope` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);