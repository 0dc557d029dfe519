-- Announcements already published before the minute tick existed were shown without a
-- notification; mark them as announced so the first tick does not notify every resident of
-- old news. Scheduled ones (publish_at in the future) stay unannounced and go out when due.
UPDATE `portal_notices` SET `notified_at` = `publish_at` WHERE `notified_at` IS NULL AND `publish_at` <= CAST(strftime('%s', 'now') AS INTEGER) * 1000;
