package gridmap.data.io;

import java.util.Arrays;
import java.util.List;

/** The project types of water_project.project_type (the table's CHECK constraint lists the same codes; a test keeps them equal). */
public enum WaterProjectType {
    DIKE("dike"),
    DREDGING("dredging"),
    RESERVOIR("reservoir"),
    WATERWORKS("waterworks"),
    SLUICE("sluice"),
    PUMPING_STATION("pumping_station"),
    SEWAGE_PLANT("sewage_plant"),
    ECOLOGICAL_RESTORATION("ecological_restoration");

    public final String code;

    WaterProjectType(String code) { this.code = code; }

    public static List<String> codes() { return Arrays.stream(values()).map(v -> v.code).toList(); }
}
