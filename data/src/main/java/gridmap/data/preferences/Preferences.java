package gridmap.data.preferences;

import java.util.List;

/**
 * A person's UI settings. Stored as a JSON object on their account (column
 * {@code app_user.preferences}, whose CHECK admits exactly {@link #KEYS}); a key never stored
 * reads as its default.
 *
 * @param careMode the care mode (关怀模式): larger text and targets, higher contrast, a simpler
 *                 header, messages kept until dismissed, the report flow in steps
 */
public record Preferences(boolean careMode) {
    /** The JSON keys, as the database CHECK constraint lists them. */
    public static final List<String> KEYS = List.of("care_mode");

    public static final Preferences DEFAULTS = new Preferences(false);
}
