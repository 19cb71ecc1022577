package gridmap.server.http;

/**
 * Checks text that people type and others read: names and free text. Control characters and the
 * Unicode bidirectional controls are refused with a 400, because a name with a right-to-left
 * override can be made to read differently from what it is (a display name that looks like
 * someone else's, a description that hides a word), and control characters have no business in
 * a name or on a map popup.
 */
public final class Text {
    private Text() {}

    /** A one-line name or title, stripped; required, at most max characters. */
    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) throw ApiException.badRequest(field + " is required");
        String v = value.strip();
        if (v.length() > max) throw ApiException.badRequest(field + " may have at most " + max + " characters");
        check(field, v, false);
        return v;
    }

    /** Free text (line breaks and tabs allowed), stripped; null stays null; at most max characters. */
    public static String free(String field, String value, int max) {
        if (value == null) return null;
        String v = value.strip();
        if (v.length() > max) throw ApiException.badRequest(field + " may have at most " + max + " characters");
        check(field, v, true);
        return v;
    }

    private static void check(String field, String v, boolean multiLine) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (multiLine && (c == '\n' || c == '\r' || c == '\t')) continue;
            if (Character.getType(c) == Character.CONTROL) {
                throw ApiException.badRequest(field + " contains a control character (U+" + hex(c) + ")");
            }
            if (isBidiControl(c)) {
                throw ApiException.badRequest(field + " contains a bidirectional text control (U+" + hex(c)
                        + ") that would make it read differently from what it is");
            }
        }
    }

    /** LRE, RLE, PDF, LRO, RLO (U+202A–202E), LRI, RLI, FSI, PDI (U+2066–2069), ALM (U+061C). */
    static boolean isBidiControl(char c) {
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u061C';
    }

    private static String hex(char c) { return String.format("%04X", (int) c); }
}
