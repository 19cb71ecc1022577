package gridmap.server.cases;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import gridmap.data.cases.CaseAction;
import gridmap.data.cases.CaseFilter;
import gridmap.data.cases.CaseIntake;
import gridmap.data.cases.CaseStatus;
import gridmap.data.cases.CaseWorkflow;
import gridmap.server.auth.Principal;
import gridmap.server.http.ApiException;
import gridmap.server.http.Params;
import gridmap.server.http.Text;

/** Request bodies and query parameters of the case API, checked and turned into the data layer's records. */
final class CaseRequests {
    static final int MAX_DESCRIPTION = 4000;
    static final int MAX_NOTE = 2000;
    static final Set<String> SOURCES = Set.of("patrol", "citizen", "hotline", "video", "referral");
    static final Set<String> PRIORITIES = Set.of("normal", "high", "urgent");
    static final Set<String> CONTACT = Set.of("phone", "sms", "none");

    private static final java.util.regex.Pattern CATEGORY_CODE = java.util.regex.Pattern.compile("\\d{4}");

    private CaseRequests() {}

    /** A new case as JSON. Reporter details are optional (name, phone, contact preference). */
    record NewCaseBody(String categoryCode, String description, Double lon, Double lat, String address, String priority,
                       String source, String reporterName, String reporterPhone, String contactPreference) {}

    static CaseIntake.NewCase newCase(NewCaseBody r, Principal who, String mediaUrl) {
        if (r.categoryCode() == null || !CATEGORY_CODE.matcher(r.categoryCode()).matches()) {
            throw ApiException.badRequest("category_code must be one of the codes of GET /api/categories");
        }
        double[] p = point(r.lon(), r.lat());
        String description = Text.free("description", r.description(), MAX_DESCRIPTION);
        if (description == null || description.isEmpty()) throw ApiException.badRequest("description is required");
        String address = Text.free("address", r.address(), 200);
        String priority = oneOf("priority", r.priority(), PRIORITIES, "normal");
        String source = oneOf("source", r.source(), SOURCES,
                who.token() ? "citizen" : "grid_worker".equals(who.role()) ? "patrol" : "hotline");
        return new CaseIntake.NewCase(r.categoryCode(), description, address, source, priority, p[0], p[1],
                reporter(r.reporterName(), r.reporterPhone(), r.contactPreference()), List.of(), mediaUrl);
    }

    static double[] point(Double lon, Double lat) {
        if (lon == null || lat == null) throw ApiException.badRequest("lon and lat are required");
        if (!Double.isFinite(lon) || lon < -180 || lon > 180 || !Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw ApiException.badRequest("lon must be within -180..180 and lat within -90..90");
        }
        return new double[] {lon, lat};
    }

    /**
     * Reporter details, checked here so that the database never refuses them (its refusal would
     * carry the values); null when none were given.
     */
    static CaseIntake.Reporter reporter(String name, String phone, String preference) {
        String n = name == null || name.isBlank() ? null : Text.name("reporter_name", name, 50);
        String ph = phone == null || phone.isBlank() ? null : phone.strip();
        if (ph != null) {
            String digits = ph.replaceAll("[^0-9]", "");
            if (!ph.matches("\\+?[0-9][0-9 -]{2,22}") || digits.length() < 5 || digits.length() > 15) {
                throw ApiException.badRequest("reporter_phone must be a phone number: digits, spaces and '-', optionally a leading +");
            }
        }
        String pref = oneOf("contact_preference", preference, CONTACT, "none");
        if (n == null && ph == null) {
            if (!"none".equals(pref)) throw ApiException.badRequest("a contact preference needs a reporter_name or reporter_phone");
            return null;
        }
        if (!"none".equals(pref) && ph == null) throw ApiException.badRequest("contact by " + pref + " needs reporter_phone");
        return new CaseIntake.Reporter(n, ph, pref);
    }

    static String oneOf(String field, String v, Set<String> allowed, String dflt) {
        if (v == null) return dflt;
        if (!allowed.contains(v)) throw ApiException.badRequest(field + " must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        return v;
    }

    /** A workflow step as JSON. */
    record TransitionBody(String action, String note, Long assigneeId, Long departmentId, Long originalId, Integer version) {}

    static CaseWorkflow.Request transition(TransitionBody b) {
        if (b.action() == null) throw ApiException.badRequest("action is required");
        CaseAction a = CaseAction.byDb(b.action()).orElseThrow(() -> ApiException.badRequest("unknown action '" + Params.clip(b.action())
                + "'; actions: " + String.join(", ", java.util.Arrays.stream(CaseAction.values()).map(x -> x.db).toList())));
        String note = Text.free("note", b.note(), MAX_NOTE);
        if (note != null && note.isEmpty()) note = null;
        return new CaseWorkflow.Request(a, note, b.assigneeId(), b.departmentId(), b.originalId(), b.version(), List.of());
    }

    /** The filter query parameters shared by the list, the map and the CSV export. */
    static final String[] FILTER_PARAMS = {"status", "category", "due", "mine", "from", "to", "bbox", "q"};

    static CaseFilter filter(Params p, Principal who) {
        Set<CaseStatus> statuses = null;
        String s = p.string("status");
        if (s != null) {
            statuses = EnumSet.noneOf(CaseStatus.class);
            for (String part : s.split(",", -1)) {
                statuses.add(CaseStatus.byDb(part.strip()).orElseThrow(() -> ApiException.badRequest("unknown status '" + Params.clip(part)
                        + "'; statuses: " + String.join(", ", java.util.Arrays.stream(CaseStatus.values()).map(x -> x.db).toList()))));
            }
        }
        String category = p.string("category");
        if (category != null && !category.matches("\\d{4}")) throw ApiException.badRequest("category must be a 4-digit category code");
        String due = p.string("due");
        CaseFilter.Due d = due == null ? null : switch (due) {
            case "overdue" -> CaseFilter.Due.OVERDUE;
            case "soon" -> CaseFilter.Due.SOON;
            default -> throw ApiException.badRequest("due must be overdue or soon");
        };
        String mine = p.string("mine");
        if (mine != null && !mine.equals("true") && !mine.equals("false")) throw ApiException.badRequest("mine must be true or false");
        Long mineUser = "true".equals(mine) ? (who.token() ? -1L : who.userId()) : null;
        var from = p.date("from");
        var to = p.date("to");
        if (from != null && to != null && to.isBefore(from)) throw ApiException.badRequest("to must not be before from");
        String q = p.string("q");
        if (q != null && (q.length() > 40 || !q.matches("[A-Za-z0-9]*"))) throw ApiException.badRequest("q must be the start of a case code");
        return new CaseFilter(statuses, category, d, mineUser, from, to, p.bbox("bbox"), q == null || q.isEmpty() ? null : q.toUpperCase());
    }
}
