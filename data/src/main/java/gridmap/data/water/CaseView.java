package gridmap.data.water;

import gridmap.data.cases.CaseScope;

/**
 * Which open cases a water analysis may list for its reader (everyone gets the counts): the
 * reader's own case scope, limited to water categories for readers who plan water but do not
 * handle cases. Listed cases carry code, category, status, date and place, never the reporter's
 * text or address.
 */
public record CaseView(CaseScope scope, boolean waterOnly) {
    /** Counts only. */
    public static final CaseView NONE = new CaseView(CaseScope.NONE, false);

    /** Cases no one is done with yet (closed, closed unfixed and rejected ones are done). */
    static final String OPEN = "t.status NOT IN ('closed', 'closed_not_fixed', 'rejected')";
    /** Water-related categories: major 06 水环境 (V31). */
    static final String WATER = "t.category_code LIKE '06%'";

    /** The condition on cases alias t that selects what may be listed, and its parameter. */
    Stmt condition() {
        Stmt s = new Stmt("(" + scope.sql(), scope.parameter() == null ? new Object[0] : new Object[] {scope.parameter()});
        return s.add(waterOnly ? " AND " + WATER + ")" : ")");
    }

    public boolean lists() { return !(scope instanceof CaseScope.None); }
}
