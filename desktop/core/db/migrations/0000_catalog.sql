CREATE TABLE `copies` (
	`id` text PRIMARY KEY NOT NULL,
	`title_id` text NOT NULL,
	`format` text NOT NULL,
	`edition` text,
	`region` text,
	`barcode` text,
	`location` text,
	`purchase_date` text,
	`price_amount` text,
	`price_currency` text,
	`notes` text,
	`box_set` text,
	`loan_borrower` text,
	`loan_since` text,
	`loan_due` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `copies_title` ON `copies` (`title_id`,`format`);--> statement-breakpoint
CREATE INDEX `copies_format` ON `copies` (`format`,`title_id`);--> statement-breakpoint
CREATE TABLE `credits` (
	`id` text PRIMARY KEY NOT NULL,
	`title_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`character` text,
	`cast_order` integer,
	`job` text,
	`department` text,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `credits_title` ON `credits` (`title_id`,`role`,`cast_order`);--> statement-breakpoint
CREATE INDEX `credits_person` ON `credits` (`person_id`);--> statement-breakpoint
CREATE TABLE `library_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `list_items` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`title_id` text NOT NULL,
	`position` text NOT NULL,
	`note` text,
	`added_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `list_items_title` ON `list_items` (`list_id`,`title_id`);--> statement-breakpoint
CREATE INDEX `list_items_order` ON `list_items` (`list_id`,`position`,`id`);--> statement-breakpoint
CREATE INDEX `list_items_by_title` ON `list_items` (`title_id`);--> statement-breakpoint
CREATE TABLE `lists` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`system` text,
	`ranked` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `lists_system` ON `lists` (`profile_id`,`system`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`tmdb_id` integer,
	`imdb_id` text
);
--> statement-breakpoint
CREATE INDEX `people_name` ON `people` (`name`);--> statement-breakpoint
CREATE INDEX `people_tmdb` ON `people` (`tmdb_id`);--> statement-breakpoint
CREATE INDEX `people_imdb` ON `people` (`imdb_id`);--> statement-breakpoint
CREATE TABLE `profiles` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`is_kid` integer DEFAULT false NOT NULL,
	`certification_ceiling` text,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ratings` (
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`stars` real NOT NULL,
	`rated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`profile_id`, `title_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ratings_stars` ON `ratings` (`profile_id`,`stars`);--> statement-breakpoint
CREATE TABLE `reviews` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`text` text NOT NULL,
	`contains_spoilers` integer NOT NULL,
	`visibility` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reviews_title` ON `reviews` (`profile_id`,`title_id`);--> statement-breakpoint
CREATE TABLE `search_terms` (
	`variant` text NOT NULL,
	`term` text NOT NULL,
	PRIMARY KEY(`variant`, `term`)
);
--> statement-breakpoint
CREATE INDEX `search_terms_term` ON `search_terms` (`term`);--> statement-breakpoint
CREATE TABLE `statuses` (
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`status` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`profile_id`, `title_id`),
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `statuses_status` ON `statuses` (`profile_id`,`status`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_name_unique` ON `tags` (`name`);--> statement-breakpoint
CREATE TABLE `title_genres` (
	`title_id` text NOT NULL,
	`genre` text NOT NULL,
	PRIMARY KEY(`title_id`, `genre`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `title_genres_genre` ON `title_genres` (`genre`,`title_id`);--> statement-breakpoint
CREATE TABLE `title_tags` (
	`title_id` text NOT NULL,
	`tag_id` text NOT NULL,
	PRIMARY KEY(`title_id`, `tag_id`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `title_tags_tag` ON `title_tags` (`tag_id`,`title_id`);--> statement-breakpoint
CREATE TABLE `titles` (
	`pk` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`original_title` text,
	`sort_title` text NOT NULL,
	`year` integer,
	`release_date` text,
	`runtime_minutes` integer,
	`overview` text,
	`language` text,
	`certification` text,
	`tmdb_id` integer,
	`imdb_id` text,
	`tvdb_id` integer,
	`parent_id` text,
	`season_number` integer,
	`episode_number` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `titles_id_unique` ON `titles` (`id`);--> statement-breakpoint
CREATE INDEX `titles_kind_year` ON `titles` (`kind`,`year`);--> statement-breakpoint
CREATE INDEX `titles_sort_title` ON `titles` (`sort_title`);--> statement-breakpoint
CREATE INDEX `titles_created` ON `titles` (`created_at`);--> statement-breakpoint
CREATE INDEX `titles_parent` ON `titles` (`parent_id`);--> statement-breakpoint
CREATE INDEX `titles_imdb` ON `titles` (`imdb_id`);--> statement-breakpoint
CREATE INDEX `titles_tmdb` ON `titles` (`tmdb_id`);--> statement-breakpoint
CREATE TABLE `watch_events` (
	`id` text PRIMARY KEY NOT NULL,
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`watched_on` text,
	`source` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`profile_id`) REFERENCES `profiles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `watch_events_profile_title` ON `watch_events` (`profile_id`,`title_id`,`watched_on`);--> statement-breakpoint
CREATE TABLE `watch_summary` (
	`profile_id` text NOT NULL,
	`title_id` text NOT NULL,
	`watch_count` integer NOT NULL,
	`last_watched_on` text,
	PRIMARY KEY(`profile_id`, `title_id`)
);
--> statement-breakpoint
CREATE INDEX `watch_summary_last` ON `watch_summary` (`profile_id`,`last_watched_on`);