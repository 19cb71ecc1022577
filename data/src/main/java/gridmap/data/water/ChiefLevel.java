package gridmap.data.water;

import java.util.Arrays;
import java.util.Optional;

/** The levels of the river-chief system (河长制): a test holds these to river_chief's and chief_reach's CHECK. */
public enum ChiefLevel {
    PROVINCE, CITY, COUNTY, TOWNSHIP, VILLAGE;

    public String code() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optional<ChiefLevel> of(String code) {
        return Arrays.stream(values()).filter(l -> l.code().equals(code)).findFirst();
    }
}
