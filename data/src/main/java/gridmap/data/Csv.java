package gridmap.data;

/** CSV fields (RFC 4180) that spreadsheets open safely. */
public final class Csv {
    private Csv() {}

    /**
     * One CSV field. Quoted when needed; a leading = + - @ is prefixed with ' so that a
     * spreadsheet opening the export does not run user-supplied text as a formula.
     */
    public static String field(String v) {
        if (v == null) return "";
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
