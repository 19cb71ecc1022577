package gridmap.data.plan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * A plan applied to the live units without changing them: what preview and compare show. A plan
 * whose units changed since it was saved is stale (ConflictException) rather than previewed on
 * units it was not drawn for.
 */
public final class PlanPreview {
    private final DataSource ds;

    public PlanPreview(DataSource ds) { this.ds = ds; }

    public PlanOutcome of(Plan p) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setReadOnly(true);
            Fabric f = FabricRepository.load(c, p.parentId());
            Basis.requireUnchanged(c, p.id(), p.basis(), f);
            return new PlanApplier(f).setAllowNonContiguous(p.allowNonContiguous()).setTarget(p.target()).apply(p.operations());
        }
    }

    /** An unsaved plan on the parent's current units (suggestions, checks while drawing). */
    public PlanOutcome dryRun(long parentId, List<Operation> ops, boolean allowNonContiguous, Target target) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setReadOnly(true);
            return new PlanApplier(FabricRepository.load(c, parentId)).setAllowNonContiguous(allowNonContiguous).setTarget(target).apply(ops);
        }
    }

    /** The parent's current units and cells (for suggestions and the UI). */
    public Fabric fabric(long parentId) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setReadOnly(true);
            return FabricRepository.load(c, parentId);
        }
    }
}
