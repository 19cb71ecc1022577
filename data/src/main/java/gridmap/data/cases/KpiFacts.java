package gridmap.data.cases;

import java.util.ArrayList;
import java.util.List;

/**
 * The facts the KPIs are summed from, as aggregates over case rows (alias {@code t}) grouped by a
 * key and the status, in one definition for the three places that compute them: the scan of a
 * period's cases, the fold of changes into the monthly summary ({@link KpiSummary}), and a
 * request's edge days and changes not folded yet ({@link KpiRepository}).
 * <p>
 * A case counts among the reported facts when {@code rep} holds for it (reported in the period),
 * among the due facts when {@code due} holds (closure deadline in the period). Scanned, a row
 * counts once and step durations are summed in seconds as double precision; signed, a row counts
 * its sign (+1 or −1: a change, or edge days subtracted from a whole month) and durations are
 * summed in microseconds as bigint, exact however often they are added and subtracted again.
 */
final class KpiFacts {
    /** The columns of every source of a KPI pass, in this order. */
    static final List<String> NAMES = List.of("n_rep", "n_due", "n_on_time", "n_handled", "n_reworked", "n_overdue",
            "s1", "c1", "s2", "c2", "s3", "c3", "s4", "c4");
    /** The columns the summary keeps (not n_overdue, which depends on the time of the request). */
    static final List<String> SUMMED = NAMES.stream().filter(n -> !n.equals("n_overdue")).toList();

    /** The steps whose durations are averaged: registration, dispatch, handling, verification. */
    private static final String[] STEPS = {"t.registered_at - t.reported_at", "t.dispatched_at - t.registered_at",
            "t.handled_at - t.dispatched_at", "t.closed_at - t.handled_at"};

    private KpiFacts() {}

    /** Each row counts once (the scan of a period's cases), with the cases overdue now. */
    static String scanned(String rep, String due) { return facts(null, rep, due); }

    /** Each row counts {@code sign}; no overdue count (NULL: counted from the open cases at request time). */
    static String signed(String sign, String rep, String due) { return facts(sign, rep, due); }

    private static String facts(String sign, String rep, String due) {
        List<String> f = new ArrayList<>();
        f.add(count(sign, rep) + " AS n_rep");
        f.add(count(sign, due) + " AS n_due");
        f.add(count(sign, due + " AND t.closed_at <= t.close_due_at") + " AS n_on_time");
        f.add(count(sign, rep + " AND t.handled_at IS NOT NULL") + " AS n_handled");
        f.add(count(sign, rep + " AND t.rework_count > 0") + " AS n_reworked");
        f.add((sign == null ? count(null, rep + " AND t.due_at < now()") : "NULL::bigint") + " AS n_overdue");
        for (int i = 0; i < STEPS.length; i++) {
            String d = STEPS[i];
            if (sign == null) {
                f.add("sum(date_part('epoch', " + d + ")) FILTER (WHERE " + rep + ") AS s" + (i + 1));
                f.add("count(" + d + ") FILTER (WHERE " + rep + ") AS c" + (i + 1));
            } else {
                // bigint again after the sum (numeric): sums of bigint (the summary's) add up several times faster than numeric
                f.add("(sum(" + sign + " * round(date_part('epoch', " + d + ") * 1e6)::bigint) FILTER (WHERE " + rep + "))::bigint AS s" + (i + 1));
                f.add(count(sign, rep + " AND " + d + " IS NOT NULL") + " AS c" + (i + 1));
            }
        }
        return String.join(",\n    ", f);
    }

    private static String count(String sign, String condition) {
        return (sign == null ? "count(*)" : "sum(" + sign + ")") + " FILTER (WHERE " + condition + ")";
    }
}
