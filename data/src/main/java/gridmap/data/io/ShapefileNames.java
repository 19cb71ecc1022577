package gridmap.data.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The field-name shortening for shapefiles, whose .dbf holds at most 10 characters per name:
 * a longer name is cut to its first 10 characters; when that collides with a name already
 * taken, its last two characters become a two-digit counter (01, 02, …). The importer
 * recognises every target field by its name cut the same way, so an export reads back mapped.
 */
public final class ShapefileNames {
    public static final int MAX = 10;

    private ShapefileNames() {}

    /** A name cut to 10 characters (no collision handling). */
    public static String cut(String name) { return name.length() <= MAX ? name : name.substring(0, MAX); }

    /** Short names for the given names, in order, unique ignoring case. */
    public static List<String> shorten(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String s = cut(n);
            for (int k = 1; taken.contains(s.toLowerCase(Locale.ROOT)); k++) {
                String base = cut(n).length() > MAX - 2 ? cut(n).substring(0, MAX - 2) : cut(n);
                s = base + String.format("%02d", k);
            }
            taken.add(s.toLowerCase(Locale.ROOT));
            out.add(s);
        }
        return out;
    }
}
