package gridmap.server;

import static gridmap.server.MatrixRows.e;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Sql;
import gridmap.data.audit.Actor;
import gridmap.data.plan.Operation;
import gridmap.data.plan.Plan;
import gridmap.data.plan.PlanRepository;
import gridmap.data.plan.PlanStatus;
import gridmap.data.plan.UnitRef;

/**
 * Plans and history: planners and admins draft and commit, watershed planners read, everyone
 * with an account opens and comments on published plans but not on drafts; history is map data.
 * Two plans are made for the rows: a draft and a published one, merging three communities.
 */
final class PlanMatrixRows implements MatrixRows {
    static final List<String> MERGED = List.of("340705001002", "340705001003", "340705001008");

    @Override
    public List<Row> rows(DataSource ds) throws Exception {
        PlanRepository plans = new PlanRepository(ds);
        long plannerId = Sql.count(ds, "SELECT id FROM app_user WHERE username = 'planner'");
        long street = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705001' AND valid_to IS NULL");
        Actor planner = new Actor(plannerId, "planner", "matrix");
        List<Operation> ops = List.of(new Operation.Merge(MERGED.stream().map(c -> (UnitRef) new UnitRef.Code(c)).toList(), "矩阵社区", null));
        Plan draft = plans.create(planner, street, new PlanRepository.Draft("matrix draft", null, ops, false, null, false));
        Plan published = plans.create(planner, street, new PlanRepository.Draft("matrix published", null, ops, false, null, false));
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        published = plans.setStatus(planner, published.id(), published.version(), PlanStatus.PUBLISHED, today.plusDays(30), today);
        long neighbour = Sql.count(ds, """
                SELECT min(b.id) FROM admin_unit a JOIN admin_unit b ON b.parent_id = a.parent_id AND b.valid_to IS NULL
                 WHERE a.code = ANY(?) AND a.valid_to IS NULL AND NOT b.code = ANY(?) AND ST_Intersects(a.geom, b.geom)""",
                MERGED.toArray(String[]::new), MERGED.toArray(String[]::new));
        long unit = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = '340705001001' AND valid_to IS NULL");
        String d = "/api/plans/" + draft.id(), p = "/api/plans/" + published.id();
        int[] planners = e(401, 200, 200, 200, 403, 403, 403), everyone = e(401, 200, 200, 200, 200, 200, 200);
        List<Row> r = new ArrayList<>();
        r.add(new Row("GET", "/api/plans", null, everyone));
        // an empty plan: refused (422) after authorization, nothing saved
        r.add(new Row("POST", "/api/plans", "{\"parent_code\":\"340705001\",\"name\":\"x\",\"operations\":[]}", e(401, 422, 422, 403, 403, 403, 403)));
        r.add(new Row("POST", "/api/plans/suggest", "{\"parent_code\":\"340705001\"}", e(401, 400, 400, 403, 403, 403, 403)));
        r.add(new Row("GET", d, null, planners));
        r.add(new Row("GET", p, null, everyone));
        r.add(new Row("PATCH", d, "{\"version\":99999,\"name\":\"x\"}", e(401, 409, 409, 403, 403, 403, 403)));
        r.add(new Row("GET", d + "/preview", null, planners));
        r.add(new Row("GET", p + "/preview", null, everyone));
        r.add(new Row("GET", d + "/compare?with=" + published.id(), null, e(401, 200, 200, 200, 403, 403, 403)));
        r.add(new Row("GET", d + "/borders?a=n1&b=u" + neighbour, null, e(401, 200, 200, 200, 403, 403, 403)));
        long member = Sql.count(ds, "SELECT id FROM admin_unit WHERE code = ? AND valid_to IS NULL", MERGED.get(0));
        r.add(new Row("GET", "/api/plans/borders?a=" + member + "&b=" + neighbour, null, e(401, 200, 200, 200, 403, 403, 403)));
        r.add(new Row("POST", d + "/publish", "{\"version\":99999,\"comment_days\":10}", e(401, 409, 409, 403, 403, 403, 403)));
        r.add(new Row("GET", d + "/comments", null, planners));
        r.add(new Row("GET", p + "/comments", null, everyone));
        // an empty comment: refused after authorization by everyone who may comment
        r.add(new Row("POST", p + "/comments", "{\"body\":\" \"}", e(401, 400, 400, 400, 400, 400, 400)));
        r.add(new Row("POST", d + "/comments", "{\"body\":\"x\"}", e(401, 409, 409, 409, 403, 403, 403)));
        r.add(new Row("POST", d + "/commit", "{\"version\":99999,\"effective_date\":\"2010-07-01\",\"legal_ref\":\"x\"}", e(401, 409, 409, 403, 403, 403, 403)));
        r.add(new Row("GET", "/api/units/" + unit + "/lineage", null, everyone));
        r.add(new Row("GET", "/api/units/" + unit + "/children?asOf=2010-06-30", null, everyone));
        r.add(new Row("GET", "/api/crosswalk?from=2010-06-30&to=2010-07-01&level=community&within=340705001", null, everyone));
        r.add(new Row("GET", "/api/crosswalk.csv?from=2010-06-30&to=2010-07-01&level=community&within=340705001", null, everyone));
        return r;
    }

}
