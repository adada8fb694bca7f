CREATE TABLE `title_certifications` (
	`title_id` text NOT NULL,
	`country` text NOT NULL,
	`certification` text NOT NULL,
	PRIMARY KEY(`title_id`, `country`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `title_keywords` (
	`title_id` text NOT NULL,
	`keyword` text NOT NULL,
	PRIMARY KEY(`title_id`, `keyword`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `title_metadata` (
	`title_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`queued_at` text,
	`next_attempt_at` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`refreshed_at` text,
	`matched_by` text,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `title_metadata_due` ON `title_metadata` (`state`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `title_providers` (
	`title_id` text NOT NULL,
	`region` text NOT NULL,
	`offer` text NOT NULL,
	`provider` text NOT NULL,
	PRIMARY KEY(`title_id`, `region`, `offer`, `provider`),
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `titles` ADD `poster_path` text;--> statement-breakpoint
ALTER TABLE `titles` ADD `backdrop_path` text;--> statement-breakpoint
ALTER TABLE `titles` ADD `locked_fields` text;--> statement-breakpoint
-- Every new film or series is queued for metadata, whoever added it (a person, an import, a scan, sync).
CREATE TRIGGER `titles_queue_metadata` AFTER INSERT ON `titles`
WHEN NEW.`kind` IN ('movie', 'series')
BEGIN
  INSERT OR IGNORE INTO `title_metadata` (`title_id`, `state`, `queued_at`, `next_attempt_at`)
  VALUES (NEW.`id`, 'queued', strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now'));
END;
--> statement-breakpoint
INSERT OR IGNORE INTO `title_metadata` (`title_id`, `state`, `queued_at`, `next_attempt_at`)
SELECT `id`, 'queued', strftime('%Y-%m-%dT%H:%M:%fZ','now'), strftime('%Y-%m-%dT%H:%M:%fZ','now')
FROM `titles` WHERE `kind` IN ('movie', 'series');
