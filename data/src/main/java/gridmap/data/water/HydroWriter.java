package gridmap.data.water;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.io.WKBWriter;

import gridmap.geo.hydro.BasinNetwork;
import gridmap.geo.hydro.HydroBasin;
import gridmap.geo.hydro.InvalidNetworkException;
import gridmap.geo.hydro.NetworkProblem;
import gridmap.geo.hydro.Reach;
import gridmap.geo.hydro.ReachNetwork;

/**
 * Writes basins, rivers, reaches, river chiefs and responsibility reaches on the caller's
 * connection, inside the caller's transaction (the demo loader's, an import's). Networks are
 * validated as a whole before the first row is written — the new basins of each level together
 * with those already stored — and refused with every problem listed
 * ({@link InvalidNetworkException}), so a bad file leaves nothing behind.
 *
 * <p>Rows refer to each other by code (next_down, main basin, parent, river, basin, chief),
 * resolved against the batch and then the rows already stored.
 */
public final class HydroWriter {
    private HydroWriter() {}

    /**
     * A basin as HydroBASINS describes it (see {@link HydroBasin} for the field names); parentCode
     * may be null: then the basin one level up whose Pfafstetter code is this one's prefix is the
     * parent, if there is one in the batch or stored (give parentCode where codes repeat across
     * drainage systems).
     */
    public record NewBasin(String code, Long hybasId, String pfafCode, String name, String parentCode, String nextDownCode,
                           String mainBasinCode, double subAreaKm2, Double upAreaKm2, Double distMainKm, int endo, MultiPolygon geom) {
        int level() { return pfafCode.length(); }
    }

    public record NewRiver(String code, String name, String nameEn) {}

    /** A reach drawn in the direction of flow; basinCode the basin (finest level) it lies in. */
    public record NewReach(String code, String riverCode, String name, String nextDownCode, String basinCode, LineString geom) {}

    public record NewChief(String key, String name, String level, String position, String phone) {}

    /** unitId: the administrative unit answerable for the reach; chiefKey: a key of the chiefs written with it. */
    public record NewChiefReach(String code, String riverCode, String name, String level, Long unitId, String chiefKey, MultiLineString geom) {}

    /** Every problem of these basins as networks (one per level, with the stored basins of that level). */
    public static List<NetworkProblem> validateBasins(Connection c, List<NewBasin> basins) throws SQLException {
        Map<Integer, List<HydroBasin>> byLevel = new TreeMap<>();
        java.util.Set<String> batchCodes = new java.util.HashSet<>();
        for (NewBasin b : basins) {
            batchCodes.add(b.code());
            byLevel.computeIfAbsent(b.pfafCode() == null ? 0 : b.pfafCode().length(), k -> new ArrayList<>())
                    .add(new HydroBasin(b.code(), b.nextDownCode(), b.pfafCode(), b.mainBasinCode(), b.subAreaKm2(), b.upAreaKm2(),
                            b.distMainKm(), b.geom()));
        }
        List<NetworkProblem> problems = new ArrayList<>();
        for (var e : byLevel.entrySet()) {
            List<HydroBasin> level = new ArrayList<>(e.getValue());
            for (HydroBasin stored : BasinRepository.storedLevel(c, e.getKey())) {
                if (!batchCodes.contains(stored.id())) level.add(stored);
            }
            problems.addAll(BasinNetwork.validate(level));
        }
        return problems;
    }

    /**
     * Every problem of the stored basins of these levels as networks: what an import that wrote
     * basins in its own transaction checks before it commits.
     */
    public static List<NetworkProblem> validateStoredLevels(Connection c, java.util.Collection<Integer> levels) throws SQLException {
        List<NetworkProblem> problems = new ArrayList<>();
        for (int level : new java.util.TreeSet<>(levels)) problems.addAll(BasinNetwork.validate(BasinRepository.storedLevel(c, level)));
        return problems;
    }

    /** Inserts the basins after {@link #validateBasins}; returns code → id. */
    public static Map<String, Long> insertBasins(Connection c, List<NewBasin> basins) throws SQLException {
        List<NetworkProblem> problems = validateBasins(c, basins);
        if (!problems.isEmpty()) throw new InvalidNetworkException(problems);
        List<NewBasin> ordered = new ArrayList<>(basins);
        ordered.sort(java.util.Comparator.comparingInt(NewBasin::level)); // parents first
        Map<String, Long> ids = new LinkedHashMap<>();
        for (NewBasin b : ordered) {
            String parent = b.parentCode();
            Long parentId = parent != null ? idOf(c, ids, "river_basin", parent) : parentByPrefix(c, ids, b, ordered);
            ids.put(b.code(), new Stmt("""
                    INSERT INTO river_basin (code, hybas_id, pfaf_code, name, level, parent_id, sub_area_km2, up_area_km2,
                      dist_main_km, endo, geom)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id""",
                    b.code(), b.hybasId(), b.pfafCode(), b.name(), b.level(), parentId, b.subAreaKm2(), b.upAreaKm2(),
                    b.distMainKm(), b.endo(), wkb(b.geom())).one(c, rs -> rs.getLong(1)).orElseThrow());
        }
        for (NewBasin b : ordered) { // links, once every basin of the batch has its id
            new Stmt("UPDATE river_basin SET next_down_id = ?, main_basin_id = ? WHERE id = ?",
                    b.nextDownCode() == null ? null : idOf(c, ids, "river_basin", b.nextDownCode()),
                    b.mainBasinCode() == null ? null : idOf(c, ids, "river_basin", b.mainBasinCode()), ids.get(b.code())).update(c);
        }
        return ids;
    }

    private static Long parentByPrefix(Connection c, Map<String, Long> ids, NewBasin b, List<NewBasin> batch) throws SQLException {
        if (b.level() <= 1) return null;
        String prefix = b.pfafCode().substring(0, b.level() - 1);
        for (NewBasin p : batch) {
            if (p.level() == b.level() - 1 && p.pfafCode().equals(prefix)) {
                return ids.get(p.code());
            }
        }
        return new Stmt("SELECT id FROM river_basin WHERE level = ? AND pfaf_code = ? ORDER BY id LIMIT 1", b.level() - 1, prefix)
                .one(c, rs -> rs.getLong(1)).orElse(null);
    }

    public static Map<String, Long> insertRivers(Connection c, List<NewRiver> rivers) throws SQLException {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (NewRiver r : rivers) {
            ids.put(r.code(), new Stmt("INSERT INTO river (code, name, name_en) VALUES (?, ?, ?) RETURNING id", r.code(), r.name(), r.nameEn())
                    .one(c, rs -> rs.getLong(1)).orElseThrow());
        }
        return ids;
    }

    /** Inserts reaches after checking them as one network with the stored reaches; returns code → id. */
    public static Map<String, Long> insertReaches(Connection c, List<NewReach> reaches) throws SQLException {
        java.util.Set<String> batch = new java.util.HashSet<>();
        List<Reach> net = new ArrayList<>();
        for (NewReach r : reaches) {
            batch.add(r.code());
            net.add(new Reach(r.code(), r.nextDownCode(), gridmap.geo.coverage.LocalMetres.lengthM(r.geom())));
        }
        for (Reach stored : ReachRepository.storedReaches(c)) if (!batch.contains(stored.id())) net.add(stored);
        List<NetworkProblem> problems = new ArrayList<>(ReachNetwork.validate(net));
        for (NewReach r : reaches) {
            if (r.geom() == null || r.geom().isEmpty() || !r.geom().isValid() || r.geom().getLength() == 0) {
                problems.add(new NetworkProblem(r.code(), NetworkProblem.Kind.INVALID_GEOMETRY, "a reach must be a valid line of some length"));
            }
        }
        if (!problems.isEmpty()) throw new InvalidNetworkException(problems);
        Map<String, Long> ids = new LinkedHashMap<>();
        for (NewReach r : reaches) {
            ids.put(r.code(), new Stmt("""
                    INSERT INTO river_reach (code, river_id, name, basin_id, geom)
                    VALUES (?, (SELECT id FROM river WHERE code = ?), ?, (SELECT id FROM river_basin WHERE code = ?), ST_GeomFromWKB(?, 4326))
                    RETURNING id""", r.code(), r.riverCode(), r.name(), r.basinCode(), wkb(r.geom())).one(c, rs -> rs.getLong(1)).orElseThrow());
        }
        for (NewReach r : reaches) {
            if (r.nextDownCode() == null) continue;
            new Stmt("UPDATE river_reach SET next_down_id = ? WHERE id = ?", idOf(c, ids, "river_reach", r.nextDownCode()), ids.get(r.code())).update(c);
        }
        return ids;
    }

    /** Inserts chiefs; returns key → id. */
    public static Map<String, Long> insertChiefs(Connection c, List<NewChief> chiefs) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        for (NewChief k : chiefs) {
            ids.put(k.key(), new Stmt("INSERT INTO river_chief (name, level, position, phone) VALUES (?, ?, ?, ?) RETURNING id",
                    k.name(), k.level(), k.position(), k.phone()).one(c, rs -> rs.getLong(1)).orElseThrow());
        }
        return ids;
    }

    /** Inserts responsibility reaches with their first assignment row; chiefIds from {@link #insertChiefs}. */
    public static void insertChiefReaches(Connection c, List<NewChiefReach> reaches, Map<String, Long> chiefIds) throws SQLException {
        for (NewChiefReach r : reaches) {
            Long chief = r.chiefKey() == null ? null : chiefIds.get(r.chiefKey());
            long id = new Stmt("""
                    INSERT INTO chief_reach (code, river_id, name, level, admin_unit_id, chief_id, geom)
                    VALUES (?, (SELECT id FROM river WHERE code = ?), ?, ?, ?, ?, ST_GeomFromWKB(?, 4326)) RETURNING id""",
                    r.code(), r.riverCode(), r.name(), r.level(), r.unitId(), chief, wkb(r.geom())).one(c, rs -> rs.getLong(1)).orElseThrow();
            new Stmt("INSERT INTO chief_assignment (chief_reach_id, chief_id, note) VALUES (?, ?, 'initial')", id, chief).update(c);
        }
    }

    private static Long idOf(Connection c, Map<String, Long> batch, String table, String code) throws SQLException {
        Long id = batch.get(code);
        if (id != null) return id;
        // table is one of this class's constants
        return new Stmt("SELECT id FROM " + table + " WHERE code = ?", code).one(c, rs -> rs.getLong(1)).orElseThrow();
    }

    static byte[] wkb(Geometry g) { return new WKBWriter(2).write(g); }
}
