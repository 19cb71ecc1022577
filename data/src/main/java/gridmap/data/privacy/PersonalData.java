package gridmap.data.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import gridmap.data.Tx;
import gridmap.data.audit.Actor;
import gridmap.data.audit.AuditLog;

/**
 * Residents' personal data on cases (the reporter's name, phone and contact preference, and the
 * photos of the case): anonymised when the retention period after a case finished has passed,
 * exported or erased when a resident asks (PIPL: minimum necessary, limited retention, the rights
 * of access and deletion). Anonymising keeps the case, its geometry, category and history: the
 * city still knows what happened where, just not who told it. Every run and request is audited.
 */
public final class PersonalData {
    /** Cases are anonymised in batches of this many, one transaction and one audit row each. */
    static final int BATCH = 1000;
    /** The statuses in which a case is finished (its retention clock runs from then). */
    static final String FINISHED = "('closed', 'closed_not_fixed', 'rejected', 'merged')";

    private final DataSource ds;

    public PersonalData(DataSource ds) { this.ds = ds; }

    /** What a retention run did (or, dry, would do). */
    public record RetentionReport(Instant cutoff, boolean dryRun, int cases, int reporters, int photos, List<String> caseCodes) {}

    /** What an erasure did. */
    public record ErasureReport(int cases, int reporters, int photos, List<String> caseCodes) {}

    /**
     * Anonymises the reporter details and removes the photos of every case that finished before
     * cutoff and still holds any. A dry run counts without changing anything. caseCodes lists at
     * most the first 100 codes, for the report.
     */
    public RetentionReport anonymiseFinishedBefore(Actor actor, Instant cutoff, boolean dryRun) throws SQLException {
        String due = "SELECT t.id, t.code FROM cases t WHERE t.status IN " + FINISHED
                + " AND coalesce(t.closed_at, t.updated_at) < ?"
                + " AND (EXISTS (SELECT 1 FROM case_reporter r WHERE r.case_id = t.id AND r.anonymised_at IS NULL)"
                + "   OR EXISTS (SELECT 1 FROM case_photo p WHERE p.case_id = t.id))"
                + " ORDER BY t.id LIMIT " + BATCH;
        Totals total = new Totals();
        if (dryRun) {
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FILTER (WHERE r.case_id IS NOT NULL), count(*), (SELECT count(*) FROM case_photo p"
                    + " JOIN cases t ON t.id = p.case_id WHERE t.status IN " + FINISHED + " AND coalesce(t.closed_at, t.updated_at) < ?)"
                    + " FROM cases t LEFT JOIN case_reporter r ON r.case_id = t.id AND r.anonymised_at IS NULL"
                    + " WHERE t.status IN " + FINISHED + " AND coalesce(t.closed_at, t.updated_at) < ?"
                    + " AND (r.case_id IS NOT NULL OR EXISTS (SELECT 1 FROM case_photo p WHERE p.case_id = t.id))")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                ps.setTimestamp(2, Timestamp.from(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new RetentionReport(cutoff, true, rs.getInt(2), rs.getInt(1), rs.getInt(3), List.of());
                }
            }
        }
        while (true) {
            int before = total.cases;
            Tx.run(ds, c -> {
                List<Long> ids = new ArrayList<>();
                List<String> codes = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(due + " FOR UPDATE SKIP LOCKED")) {
                    ps.setTimestamp(1, Timestamp.from(cutoff));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) { ids.add(rs.getLong(1)); codes.add(rs.getString(2)); }
                    }
                }
                if (ids.isEmpty()) return null;
                Totals batch = strip(c, ids, "retention");
                AuditLog.write(c, actor, "privacy.retention", "cases", null, null,
                        "{\"cutoff\":\"" + cutoff + "\",\"cases\":" + ids.size() + ",\"reporters\":" + batch.reporters
                        + ",\"photos\":" + batch.photos + ",\"first_case\":\"" + codes.get(0) + "\",\"last_case\":\""
                        + codes.get(codes.size() - 1) + "\"}");
                total.add(ids.size(), batch, codes);
                return null;
            });
            if (total.cases == before) break;
        }
        return new RetentionReport(cutoff, false, total.cases, total.reporters, total.photos, total.codes);
    }

    /** Digits only: "138-1234 5678" and "13812345678" are the same person's number. */
    public static String digits(String phone) { return phone == null ? "" : phone.replaceAll("[^0-9]", ""); }

    private static final String SUBJECT_CASES = "FROM cases t JOIN case_reporter r ON r.case_id = t.id"
            + " WHERE r.phone IS NOT NULL AND regexp_replace(r.phone, '[^0-9]', '', 'g') = ?";

    /**
     * Everything held about the resident with this phone number, as JSON text: the cases they
     * reported with the details they gave. The read is audited like every read of full reporter
     * details. Cases without a match give an empty list.
     */
    public String export(Actor actor, String phoneDigits) throws SQLException {
        return Tx.run(ds, c -> {
            String json;
            try (PreparedStatement ps = c.prepareStatement("SELECT json_build_object('phone', ?::text, 'exported_at', now(),"
                    + " 'cases', coalesce(json_agg(json_build_object('code', t.code, 'reported_at', t.reported_at,"
                    + " 'status', t.status, 'category_code', t.category_code, 'address', t.address, 'description', t.description,"
                    + " 'reporter', json_build_object('name', r.name, 'phone', r.phone, 'contact_preference', r.contact_preference),"
                    + " 'photos', (SELECT count(*) FROM case_photo p WHERE p.case_id = t.id)) ORDER BY t.id), '[]'::json))::text "
                    + SUBJECT_CASES)) {
                ps.setString(1, phoneDigits);
                ps.setString(2, phoneDigits);
                try (ResultSet rs = ps.executeQuery()) { rs.next(); json = rs.getString(1); }
            }
            AuditLog.write(c, actor, "privacy.export", "case_reporter", null, null,
                    "{\"phone_suffix\":\"" + suffix(phoneDigits) + "\"}");
            return json;
        });
    }

    /**
     * Erases the resident with this phone number from every case they reported: reporter
     * details anonymised, the cases' photos removed; the cases, their places and histories stay.
     */
    public ErasureReport erase(Actor actor, String phoneDigits) throws SQLException {
        return Tx.run(ds, c -> {
            List<Long> ids = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT t.id, t.code " + SUBJECT_CASES + " ORDER BY t.id FOR UPDATE OF r")) {
                ps.setString(1, phoneDigits);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) { ids.add(rs.getLong(1)); codes.add(rs.getString(2)); }
                }
            }
            Totals t = ids.isEmpty() ? new Totals() : strip(c, ids, "erasure_request");
            // the audit row names the cases, not the person: the number is what was erased
            AuditLog.write(c, actor, "privacy.erase", "case_reporter", null, null,
                    "{\"phone_suffix\":\"" + suffix(phoneDigits) + "\",\"cases\":" + ids.size() + ",\"photos\":" + t.photos
                    + ",\"case_codes\":[" + String.join(",", codes.stream().map(s -> "\"" + s + "\"").toList()) + "]}");
            return new ErasureReport(ids.size(), t.reporters, t.photos, codes);
        });
    }

    /** The last two digits: enough to tell two audit rows apart, too little to identify anyone. */
    private static String suffix(String digits) { return digits.length() <= 2 ? "" : digits.substring(digits.length() - 2); }

    private static Totals strip(Connection c, List<Long> ids, String reason) throws SQLException {
        Long[] arr = ids.toArray(Long[]::new);
        Totals t = new Totals();
        try (PreparedStatement ps = c.prepareStatement("UPDATE case_reporter SET name = NULL, phone = NULL,"
                + " contact_preference = 'none', anonymised_at = now(), anonymised_reason = ?"
                + " WHERE case_id = ANY (?) AND anonymised_at IS NULL")) {
            ps.setString(1, reason);
            ps.setArray(2, c.createArrayOf("bigint", arr));
            t.reporters = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM case_photo WHERE case_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("bigint", arr));
            t.photos = ps.executeUpdate();
        }
        return t;
    }

    private static final class Totals {
        int cases, reporters, photos;
        final List<String> codes = new ArrayList<>();

        void add(int n, Totals batch, List<String> batchCodes) {
            cases += n;
            reporters += batch.reporters;
            photos += batch.photos;
            for (String code : batchCodes) if (codes.size() < 100) codes.add(code);
        }
    }
}
