package gridmap.data.cases;

/**
 * Personal data shown to readers who may not see it in full (issue 11): a phone keeps its first
 * three and last four digits (138****5678), a name its first character.
 */
public final class Masking {
    private Masking() {}

    public static String phone(String phone) {
        if (phone == null) return null;
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 8) return "*".repeat(Math.max(3, digits.length()));
        return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
    }

    public static String name(String name) {
        if (name == null || name.isEmpty()) return name;
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, Math.min(3, name.codePointCount(first, name.length()))));
    }
}
