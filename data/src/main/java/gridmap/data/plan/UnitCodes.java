package gridmap.data.plan;

import java.util.Set;

/**
 * Codes of units and cells under a parent (GB/T 2260 + 3 + 3 digits, cells + 3): a district is its
 * city's first four digits + 2, a street its district's 6 + 3, a community its street's 9 + 3, or,
 * directly under a district (its streets abolished), the district's 6 + "000" + 3. New codes are
 * never ones used before, by current or past units, so a code always means one area in the
 * crosswalk; merged communities are numbered from 601 upward (the local rule of the Tongling
 * reform), anything else takes the next free number from 1.
 */
public final class UnitCodes {
    public static final int MERGED_COMMUNITY_FROM = 601;

    private UnitCodes() {}

    /** Number of serial digits a unit at this level has within its parent. */
    public static int serialDigits(UnitLevel level) { return level == UnitLevel.DISTRICT ? 2 : 3; }

    /** The digits every child at childLevel of a parent with this code starts with. */
    public static String prefix(String parentCode, UnitLevel childLevel) {
        int len = childLevel.codeLength() - serialDigits(childLevel);
        if (parentCode.length() >= len) return parentCode.substring(0, len);
        return parentCode + "0".repeat(len - parentCode.length());
    }

    /** The smallest serial ≥ from under prefix whose code is not in used; null when none is left. */
    public static String nextFree(String prefix, UnitLevel level, int from, Set<String> used) {
        int digits = serialDigits(level);
        int max = (int) Math.pow(10, digits) - 1;
        for (int s = Math.max(1, from); s <= max; s++) {
            String code = prefix + String.format("%0" + digits + "d", s);
            if (!used.contains(code)) return code;
        }
        return null;
    }

    /** Whether code is a well-formed code of a child at level under prefix. */
    public static boolean fits(String code, String prefix, UnitLevel level) {
        return code != null && code.length() == level.codeLength() && code.startsWith(prefix)
                && code.chars().allMatch(Character::isDigit) && !code.endsWith("0".repeat(serialDigits(level)));
    }

    /** A cell's code: its community's code + a 3-digit serial. */
    public static String cell(String communityCode, int serial) {
        return communityCode + (serial < 10 ? "00" : serial < 100 ? "0" : "") + serial;
    }
}
