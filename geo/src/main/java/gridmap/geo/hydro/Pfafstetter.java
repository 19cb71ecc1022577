package gridmap.geo.hydro;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pfafstetter rule (Verdin &amp; Verdin 1999): whether one basin drains through another,
 * decided from the two codes alone, without following any link.
 *
 * <p>A code has one digit per level. At each level a basin is split along its main stem into
 * up to nine units counted from the outlet upstream: odd digits are inter-basins on the main
 * stem (9 the headwater), even digits the four largest tributary basins. HydroBASINS appends
 * 0 where a basin is not split further. So basin B drains through basin A (both codes of one
 * length, in one drainage system) exactly when, at the first digit where they differ, B's digit
 * is greater, and every digit of A from there on is odd or 0 — A lies on the main stem at every
 * level below the split, so everything further up that stem passes through it.
 *
 * <p>The rule says nothing across drainage systems (a closed inland basin has its own codes,
 * which may repeat the sea-bound system's): callers compare codes within one system only.
 */
public final class Pfafstetter {
    /** Longer than any published level (HydroBASINS stops at 12). */
    public static final int MAX_DIGITS = 30;

    private Pfafstetter() {}

    /** One or more digits, at most {@link #MAX_DIGITS}. */
    public static boolean isCode(String s) {
        if (s == null || s.isEmpty() || s.length() > MAX_DIGITS) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** Whether the basin coded {@code candidate} drains through the basin coded {@code target}. */
    public static boolean isUpstream(String target, String candidate) {
        if (target.length() != candidate.length() || target.equals(candidate)) return false;
        int n = firstDifference(target, candidate);
        if (candidate.charAt(n) <= target.charAt(n)) return false;
        return mainStemFrom(target, n);
    }

    /** Whether {@code candidate} lies on the way from {@code origin} to the outlet. */
    public static boolean isDownstream(String origin, String candidate) { return isUpstream(candidate, origin); }

    /**
     * The codes upstream of {@code target} as half-open ranges {@code [from, to)} of equal-length
     * codes in lexicographic order, at most one per digit: a sorted code list answers "upstream
     * of" with a few binary searches. ({@code ':'} sorts right after {@code '9'}.)
     */
    public static List<String[]> upstreamRanges(String target) {
        List<String[]> out = new ArrayList<>();
        int len = target.length();
        for (int n = len - 1; n >= 0 && mainStemDigit(target.charAt(n)); n--) {
            char d = target.charAt(n);
            if (d == '9') continue;
            String prefix = target.substring(0, n);
            out.add(new String[] {prefix + (char) (d + 1), prefix + ':'});
        }
        return out;
    }

    /**
     * The next-down code of every code in a set of equal-length codes that tile one drainage
     * system (a generator's or a test's view of the rule; imported data brings its own links).
     * An inter-basin drains into the next inter-basin down its stem, a tributary into the
     * inter-basin just below its confluence, and the outlet unit of a split basin into whatever
     * its parent drains into. Water entering a split basin from above enters at its most
     * upstream main-stem unit, the highest odd digit present, recursively.
     */
    public static Map<String, String> nextDowns(Collection<String> codes) {
        Set<String> leaves = new HashSet<>(codes);
        Map<String, Set<Character>> children = new HashMap<>(); // split prefix → digits below it
        for (String c : codes) {
            String s = stripZeros(c);
            for (int n = 1; n < s.length(); n++) children.computeIfAbsent(s.substring(0, n), k -> new HashSet<>()).add(s.charAt(n));
        }
        int len = codes.iterator().next().length();
        Map<String, String> out = new HashMap<>();
        for (String c : codes) out.put(c, drainsInto(stripZeros(c), children, leaves, len));
        return out;
    }

    private static String drainsInto(String unit, Map<String, Set<Character>> children, Set<String> leaves, int len) {
        String prefix = unit.substring(0, unit.length() - 1);
        int d = unit.charAt(unit.length() - 1) - '0';
        if (d <= 1) { // the outlet unit of its parent (or a whole unsplit system)
            return prefix.isEmpty() ? null : drainsInto(prefix, children, leaves, len);
        }
        // next main-stem unit down: d-1 for a tributary, d-2 for an inter-basin; skip absent units
        for (int below = d % 2 == 0 ? d - 1 : d - 2; below >= 1; below -= 2) {
            String target = prefix + below;
            if (children.containsKey(target) || leaves.contains(pad(target, len))) return enterFromAbove(target, children, len);
        }
        return prefix.isEmpty() ? null : drainsInto(prefix, children, leaves, len);
    }

    private static String enterFromAbove(String unit, Map<String, Set<Character>> children, int len) {
        Set<Character> below;
        while ((below = children.get(unit)) != null) {
            char top = 0;
            for (char c : below) if (mainStemDigit(c) && c != '0' && c > top) top = c;
            if (top == 0) break;
            unit = unit + top;
        }
        return pad(unit, len);
    }

    private static String pad(String s, int len) { return s.length() >= len ? s : s + "0".repeat(len - s.length()); }

    private static String stripZeros(String c) {
        int e = c.length();
        while (e > 1 && c.charAt(e - 1) == '0') e--;
        return c.substring(0, e);
    }

    private static int firstDifference(String a, String b) {
        int n = 0;
        while (a.charAt(n) == b.charAt(n)) n++;
        return n;
    }

    private static boolean mainStemFrom(String code, int from) {
        for (int i = from; i < code.length(); i++) if (!mainStemDigit(code.charAt(i))) return false;
        return true;
    }

    /** Odd (an inter-basin on the main stem) or 0 (not split further: wherever its parent is). */
    private static boolean mainStemDigit(char c) { return c == '0' || (c - '0') % 2 == 1; }
}
