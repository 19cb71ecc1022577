package gridmap.data.plan;

import java.util.Arrays;

/** The levels of {@code admin_unit}, top down: the database CHECK lists exactly these. */
public enum UnitLevel {
    CITY, DISTRICT, STREET, COMMUNITY;

    public String code() { return name().toLowerCase(); }

    public static UnitLevel of(String code) {
        return Arrays.stream(values()).filter(l -> l.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown unit level '" + code + "'"));
    }

    /** Number of code digits of a unit at this level (GB/T 2260 + 3 + 3). */
    public int codeLength() {
        return switch (this) {
            case CITY, DISTRICT -> 6;
            case STREET -> 9;
            case COMMUNITY -> 12;
        };
    }
}
