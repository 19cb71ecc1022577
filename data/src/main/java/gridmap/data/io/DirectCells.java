package gridmap.data.io;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;

import gridmap.geo.Polygons;

/**
 * The fast way in for the commonest cells import, a district's first grid: new cells whose
 * communities are named by code (the option, a field or the code's first 12 digits) and hold no
 * current cells yet. Each cell goes by COPY straight into {@code grid_cell} while the file is
 * read, so PostgreSQL inserts (constraints, foreign keys, indexes) on one core while this thread
 * parses and checks the next features on the other, and no pass over a stage follows: the
 * table's unique index on current codes finds duplicates, the code lookup finds parents, and
 * the check while reading ({@link StreamCheck}) settles the coverage of each community.
 * <p>
 * Anything else — a problem in a feature, a community not found by its code, a community that
 * already has cells, a code already stored or given twice, a community not read whole and clean —
 * throws {@link NotDirect} and the import starts again through the stage, which reports it as
 * usual: the rows written so far are rolled back to a savepoint, so the result is the same
 * either way, only slower for such files.
 */
final class DirectCells implements Importer.FeatureSink {
    /** The file is not one for the direct way; read it again through the stage. */
    static final class NotDirect extends RuntimeException {
        NotDirect(String why) { super(why, null, false, false); }
    }

    private final Map<String, Long> communityByCode = new HashMap<>();
    private final Set<Long> communitiesWithCells = new HashSet<>();
    private final BinaryCopy copy;
    private final java.time.LocalDate validFrom;

    DirectCells(ImportContext ctx) throws SQLException {
        for (Object[] r : ctx.rows("SELECT code, id FROM admin_unit WHERE level = 'community' AND valid_to IS NULL")) {
            communityByCode.put((String) r[0], ((Number) r[1]).longValue());
        }
        for (Object[] r : ctx.rows("SELECT DISTINCT community_id FROM grid_cell WHERE valid_to IS NULL")) {
            communitiesWithCells.add(((Number) r[0]).longValue());
        }
        validFrom = ctx.effectiveDate;
        copy = new BinaryCopy(ctx.c, "grid_cell", "code, name, community_id, geom, valid_from, households, population");
    }

    @Override
    public void accept(long n, String code, Map<String, String> values, Geometry g) throws SQLException {
        Long community = communityByCode.get(values.get("community_code"));
        if (community == null) throw new NotDirect("community " + values.get("community_code") + " is not found by its code");
        if (communitiesWithCells.contains(community)) throw new NotDirect("community " + values.get("community_code") + " has cells");
        if (!(g instanceof Polygonal)) throw new NotDirect("feature " + n + " is not polygonal");
        write(() -> copy.row(7).text(code).text(values.get("name")).int8(community).geometry(Polygons.toMultiPolygon(g)).date(validFrom)
                .integer(count(values.get("households"))).integer(count(values.get("population"))));
    }

    /** A count as mapped (an integer, checked when read), or the column's default 0 when the file has none. */
    private static int count(String v) { return v == null ? 0 : Integer.parseInt(v); }

    @Override
    public void finish() throws SQLException { write(copy::close); }

    @Override
    public void abort() { copy.abort(); }

    private interface CopyStep { void run() throws SQLException; }

    /** A row the table refuses (a duplicate or stored code, a constraint) sends the file through the stage, which explains it. */
    private void write(CopyStep step) throws SQLException {
        try {
            step.run();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) throw new NotDirect(e.getMessage());
            throw e;
        }
    }
}
