-- Each person's own settings for the UI, kept with the account so that they follow the person to
-- any browser and device: today the care mode (关怀模式: larger text and targets, higher contrast,
-- step-by-step forms). An object with known keys only, each of its own type; a key the UI does
-- not know cannot be stored, so every stored value means something.
ALTER TABLE app_user ADD COLUMN preferences jsonb NOT NULL DEFAULT '{}'::jsonb;
ALTER TABLE app_user ADD CONSTRAINT app_user_preferences_known CHECK (
    jsonb_typeof(preferences) = 'object'
    AND preferences - 'care_mode' = '{}'::jsonb
    AND (NOT preferences ? 'care_mode' OR jsonb_typeof(preferences -> 'care_mode') = 'boolean'));
