package gridmap.data.water;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of water project (water_project.project_type; a test holds this to the CHECK). */
public enum ProjectType {
    RESERVOIR, DIKE, DREDGING, IRRIGATION_CANAL, WATERWORKS, SLUICE, PUMPING_STATION, SEWAGE_PLANT, ECOLOGICAL_RESTORATION;

    public String code() { return name().toLowerCase(java.util.Locale.ROOT); }

    public static Optional<ProjectType> of(String code) {
        return Arrays.stream(values()).filter(t -> t.code().equals(code)).findFirst();
    }
}
