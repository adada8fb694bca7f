CREATE TABLE `sync_cursors` (
	`scope` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`op_id` text NOT NULL,
	`hlc` text NOT NULL,
	`entity` text NOT NULL,
	`row_key` text NOT NULL,
	`field` text NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sync_outbox_op_id_unique` ON `sync_outbox` (`op_id`);--> statement-breakpoint
CREATE TABLE `sync_registers` (
	`entity` text NOT NULL,
	`row_key` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	`value` text NOT NULL,
	PRIMARY KEY(`entity`, `row_key`, `field`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `sync_rejected` (
	`op_id` text PRIMARY KEY NOT NULL,
	`direction` text NOT NULL,
	`op` text NOT NULL,
	`reason` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_waiting` (
	`entity` text NOT NULL,
	`row_key` text NOT NULL,
	`needs` text NOT NULL,
	PRIMARY KEY(`entity`, `row_key`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `sync_waiting_needs` ON `sync_waiting` (`needs`);--> statement-breakpoint
DROP INDEX `list_items_order`;--> statement-breakpoint
CREATE INDEX `list_items_order` ON `list_items` (`list_id`,`position`,`title_id`);--> statement-breakpoint
-- A tag exists while some title carries it, however the last one went (tags.remove, a title removed, sync).
CREATE TRIGGER `title_tags_drop_unused_tag` AFTER DELETE ON `title_tags`
WHEN NOT EXISTS (SELECT 1 FROM `title_tags` WHERE `tag_id` = OLD.`tag_id`)
BEGIN
  DELETE FROM `tags` WHERE `id` = OLD.`tag_id`;
END;
--> statement-breakpoint
DELETE FROM `tags` WHERE NOT EXISTS (SELECT 1 FROM `title_tags` WHERE `tag_id` = `tags`.`id`);
