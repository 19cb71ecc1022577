package gridmap.data.plan;

/** The kinds of {@code change_event}: the database CHECK lists exactly these. */
public enum ChangeType {
    CREATE, MERGE, SPLIT, REDRAW, REASSIGN, REMOVE_LEVEL, RENAME, REGRID,
    /** A plan whose operations are of several kinds (e.g. remove the street level and merge). */
    REFORM;

    public String code() { return name().toLowerCase(); }
}
