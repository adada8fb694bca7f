DROP INDEX `credits_person`;--> statement-breakpoint
CREATE INDEX `credits_person` ON `credits` (`person_id`,`role`,`job`);--> statement-breakpoint
CREATE INDEX `title_keywords_keyword` ON `title_keywords` (`keyword`,`title_id`);--> statement-breakpoint
CREATE INDEX `watch_events_profile_day` ON `watch_events` (`profile_id`,`watched_on`);