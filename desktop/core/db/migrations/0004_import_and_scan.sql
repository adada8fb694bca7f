CREATE TABLE `import_links` (
	`key` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`row_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_unmatched` (
	`id` text PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`file` text NOT NULL,
	`line` integer NOT NULL,
	`raw` text NOT NULL,
	`item` text NOT NULL,
	`reason` text NOT NULL,
	`candidates` text NOT NULL,
	`dedupe_key` text NOT NULL,
	FOREIGN KEY (`import_id`) REFERENCES `imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_unmatched_dedupe_key_unique` ON `import_unmatched` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `import_unmatched_import` ON `import_unmatched` (`import_id`);--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`format` text NOT NULL,
	`source` text NOT NULL,
	`started_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`report` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `scan_files` (
	`path` text PRIMARY KEY NOT NULL,
	`root_id` text NOT NULL,
	`size` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`title_id` text,
	`copy_id` text,
	`problem` text,
	`missing_since` text,
	FOREIGN KEY (`root_id`) REFERENCES `scan_roots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `scan_files_root` ON `scan_files` (`root_id`);--> statement-breakpoint
CREATE INDEX `scan_files_copy` ON `scan_files` (`copy_id`);--> statement-breakpoint
CREATE TABLE `scan_roots` (
	`id` text PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`added_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_scan_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_roots_path_unique` ON `scan_roots` (`path`);--> statement-breakpoint
ALTER TABLE `copies` ADD `file_path` text;--> statement-breakpoint
ALTER TABLE `copies` ADD `file_size` integer;--> statement-breakpoint
ALTER TABLE `copies` ADD `container` text;--> statement-breakpoint
ALTER TABLE `copies` ADD `resolution` text;--> statement-breakpoint
CREATE INDEX `copies_file` ON `copies` (`file_path`);