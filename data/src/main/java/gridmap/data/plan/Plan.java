package gridmap.data.plan;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A saved plan. basis: the version of every unit it was saved against (the parent and all current
 * units below it), by id; commentFrom/To: the comment period once published; changeEventId: what
 * its commit recorded.
 */
public record Plan(long id, long parentId, String parentCode, String parentName, String name, String description,
                   long authorId, String authorName, PlanStatus status, List<Operation> operations,
                   boolean allowNonContiguous, Target target, Map<Long, Integer> basis, LocalDate commentFrom,
                   LocalDate commentTo, Long changeEventId, LocalDate effectiveDate, String legalRef,
                   OffsetDateTime createdAt, OffsetDateTime updatedAt, int version, int comments) {}
