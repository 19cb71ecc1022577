package gridmap.data.demo;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;

/** The generated demo data set, as plain values: what the loader writes, what tests inspect. */
public final class DemoModel {
    private DemoModel() {}

    /** An administrative unit; parentIndex points into the same list (null for the city). */
    public record Unit(String code, String name, String level, Integer parentIndex, MultiPolygon geom,
                       int population, int households) {}

    public record Cell(String code, String name, int communityIndex, MultiPolygon geom, int households,
                       int population, String workerUsername) {}

    /**
     * A basin with HydroBASINS-style fields: mainBasinCode is its level's outlet (MAIN_BAS),
     * upAreaKm2 the drainage area "as published" (UP_AREA), distMainKm the distance from its
     * outlet to the system's outlet along the reaches (DIST_MAIN).
     */
    public record Basin(String code, String pfafCode, String name, int level, String parentCode,
                        String nextDownCode, String mainBasinCode, long hybasId, double subAreaKm2, Double upAreaKm2,
                        double distMainKm, MultiPolygon geom) {}

    public record River(String code, String name, String nameEn) {}

    /** A reach drawn in the direction of flow, in one basin of the finest level. */
    public record Reach(String code, String riverCode, String name, String nextDownCode, String basinCode, LineString geom) {}

    /** A river chief; key links chiefs to reaches and projects inside the demo. */
    public record Chief(String key, String name, String level, String position, String phone) {}

    /** A responsibility reach (河长制河段) of one river at one level; unitIndex: the answerable unit. */
    public record ChiefReach(String code, String riverCode, String name, String level, Integer unitIndex, String chiefKey,
                             MultiLineString geom) {}

    public record Hydrography(List<River> rivers, List<Reach> reaches, List<Chief> chiefs, List<ChiefReach> chiefReaches) {}

    public record StatusChange(String status, LocalDate on) {}

    public record Project(String code, String name, String type, String status, double budgetWanYuan,
                          double spentWanYuan, String responsibleUnit, Integer districtIndex, String chiefKey,
                          String basinCode, Geometry geom, LocalDate startDate, LocalDate endDate,
                          List<StatusChange> history) {}

    /**
     * A case and its way through the workflow so far (code null: the loader numbers cases from
     * the database's sequence, in report order).
     */
    public record Case(String categoryCode, String status, String source, String priority, String description,
                       String address, Point geom, String cellCode, int communityIndex, int districtIndex,
                       String assigneeUsername, String departmentCode, OffsetDateTime reportedAt, OffsetDateTime registeredAt,
                       OffsetDateTime dispatchedAt, OffsetDateTime handledAt, OffsetDateTime closedAt, OffsetDateTime dueAt,
                       OffsetDateTime closeDueAt, int reworkCount, String statusNote, OffsetDateTime updatedAt,
                       Reporter reporter, List<Event> events) {}

    /** Optional reporter details of a citizen or hotline case (invented). */
    public record Reporter(String name, String phone, String contactPreference) {}

    /** One history row: an action by a user (by username). */
    public record Event(String action, String fromStatus, String toStatus, OffsetDateTime at, String actorUsername, String note,
                        String assigneeUsername, String departmentCode) {}

    /** A department cases are dispatched to, and the categories it handles by default. */
    public record Department(String code, String name, String nameEn, List<String> categoryCodes) {}

    /** password: the documented demo password, or null (no login); districtCode: a dispatcher's district. */
    public record User(String username, String displayName, String role, String phone, String password, String districtCode) {}

    /** What the import did to a published district boundary. */
    public record Repair(String code, String name, String problem, Coordinate location,
                         double areaBeforeM2, double areaAfterM2) {}

    public record Dataset(List<Unit> units, List<Cell> cells, List<Basin> basins, List<Project> projects,
                          List<Case> cases, List<User> users, List<Repair> repairs, List<Department> departments,
                          Hydrography hydro) {}
}
