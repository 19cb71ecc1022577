package gridmap.data.plan;

import java.util.Arrays;

/** The operations a plan is made of, with their name in the API and the change type they record. */
public enum OperationKind {
    MERGE(ChangeType.MERGE),
    REASSIGN(ChangeType.REASSIGN),
    SPLIT(ChangeType.SPLIT),
    REDRAW(ChangeType.REDRAW),
    REMOVE_LEVEL(ChangeType.REMOVE_LEVEL),
    REGRID(ChangeType.REGRID),
    RENAME(ChangeType.RENAME);

    public final ChangeType changeType;

    OperationKind(ChangeType changeType) { this.changeType = changeType; }

    public String code() { return name().toLowerCase(); }

    public static OperationKind of(String code) {
        return Arrays.stream(values()).filter(k -> k.code().equals(code)).findFirst().orElse(null);
    }
}
