-- The secure channels an account's standard direct-message reply lists, per language (da, sv, nb, nn, en):
-- {"perLanguage": {"da": [{"type": "PHONE", "address": "+45 33 66 33 66"}, {"type": "DIGITAL_POST"}]}}. A language without an entry
-- uses the service-wide tingvakt.dm-reply.channels.
ALTER TABLE account ADD COLUMN dm_channels JSONB NOT NULL DEFAULT '{"perLanguage": {}}'::jsonb;
