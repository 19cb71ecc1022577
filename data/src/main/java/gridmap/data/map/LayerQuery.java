package gridmap.data.map;

import java.time.LocalDate;

import gridmap.data.cases.CaseScope;
import gridmap.geo.Bbox;

/**
 * What a map client asks of a layer: where (null = everywhere), how many at most, as of when
 * (null = now), which cases the reader may see (scoped layers only), and whether the reader may
 * see the people behind a feature (a cell's grid worker).
 */
public record LayerQuery(Layer layer, Bbox bbox, int limit, LocalDate asOf, CaseScope scope, boolean people) {
    public static final int DEFAULT_LIMIT = 10_000;
    public static final int MAX_LIMIT = 50_000;

    public LayerQuery {
        if (limit < 1 || limit > MAX_LIMIT) throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT);
        if (scope == null) scope = CaseScope.ALL;
    }

    public LayerQuery(Layer layer, Bbox bbox, int limit, LocalDate asOf, CaseScope scope) { this(layer, bbox, limit, asOf, scope, false); }

    public LayerQuery(Layer layer, Bbox bbox, int limit, LocalDate asOf) { this(layer, bbox, limit, asOf, CaseScope.ALL); }
}
