package gridmap.data.cases;

import java.util.Map;

/** A case category (2-digit major + 2-digit minor code) with its deadline for each step. */
public record Category(String code, String kind, String majorName, String name, String nameEn, boolean active,
                       Long departmentId, Map<CaseStatus.Step, Deadline> deadlines) {
    public Deadline deadline(CaseStatus.Step step) {
        Deadline d = deadlines.get(step);
        if (d == null) throw new IllegalStateException("category " + code + " has no deadline for step " + step.db);
        return d;
    }
}
