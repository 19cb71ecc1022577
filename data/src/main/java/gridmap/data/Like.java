package gridmap.data;

/** Text for SQL LIKE (with ESCAPE '\\'): the user's % and _ are literal characters, not patterns. */
public final class Like {
    private Like() {}

    public static String escape(String s) { return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"); }

    public static String contains(String s) { return "%" + escape(s) + "%"; }

    public static String prefix(String s) { return escape(s) + "%"; }
}
