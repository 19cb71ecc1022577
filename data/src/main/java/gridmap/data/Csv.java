package gridmap.data;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * CSV as spreadsheets read it (RFC 4180, CRLF). A field starting with = + - @ (or a tab or
 * CR) gets a leading ' so that a spreadsheet does not run user-supplied text as a formula.
 */
public final class Csv {
    private Csv() {}

    /** The UTF-8 byte order mark: without it, Excel reads UTF-8 Chinese text as mojibake. */
    public static void bom(Writer out) throws IOException { out.write('\uFEFF'); }

    public static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.write(',');
            out.write(field(fields.get(i)));
        }
        out.write("\r\n");
    }

    public static String field(String v) {
        if (v == null) return "";
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
