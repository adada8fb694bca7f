-- Full-text index over titles, original titles and people's names.
-- Contentless (the text already lives in titles/people): the core writes a row per
-- title in the same transaction as the change (desktop/core/search/indexer.ts).
-- unicode61 with remove_diacritics 2 makes "amelie" match "Amélie"; the prefix
-- indexes keep autocomplete of 2-3 letters fast.
CREATE VIRTUAL TABLE `title_search` USING fts5(
	title, original_title, people,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `title_search_vocab` USING fts5vocab(`title_search`, 'row');
--> statement-breakpoint
CREATE TRIGGER `titles_search_delete` AFTER DELETE ON `titles` BEGIN
	DELETE FROM `title_search` WHERE rowid = old.pk;
END;
--> statement-breakpoint
-- watch_summary is derived from watch_events, never written by code.
CREATE TRIGGER `watch_events_insert` AFTER INSERT ON `watch_events` BEGIN
	INSERT INTO `watch_summary` (profile_id, title_id, watch_count, last_watched_on)
	VALUES (new.profile_id, new.title_id, 1, new.watched_on)
	ON CONFLICT (profile_id, title_id) DO UPDATE SET
		watch_count = watch_count + 1,
		last_watched_on = CASE
			WHEN excluded.last_watched_on IS NULL THEN last_watched_on
			WHEN last_watched_on IS NULL OR excluded.last_watched_on > last_watched_on THEN excluded.last_watched_on
			ELSE last_watched_on END;
END;
--> statement-breakpoint
CREATE TRIGGER `watch_events_delete` AFTER DELETE ON `watch_events` BEGIN
	DELETE FROM `watch_summary` WHERE profile_id = old.profile_id AND title_id = old.title_id;
	INSERT INTO `watch_summary` (profile_id, title_id, watch_count, last_watched_on)
		SELECT profile_id, title_id, count(*), max(watched_on) FROM `watch_events`
		WHERE profile_id = old.profile_id AND title_id = old.title_id
		GROUP BY profile_id, title_id;
END;
--> statement-breakpoint
CREATE TRIGGER `watch_events_update` AFTER UPDATE ON `watch_events` BEGIN
	DELETE FROM `watch_summary` WHERE (profile_id = old.profile_id AND title_id = old.title_id)
		OR (profile_id = new.profile_id AND title_id = new.title_id);
	INSERT INTO `watch_summary` (profile_id, title_id, watch_count, last_watched_on)
		SELECT profile_id, title_id, count(*), max(watched_on) FROM `watch_events`
		WHERE (profile_id = old.profile_id AND title_id = old.title_id)
			OR (profile_id = new.profile_id AND title_id = new.title_id)
		GROUP BY profile_id, title_id;
END;
