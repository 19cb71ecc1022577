package gridmap.data.audit;

/** Who is writing, for the audit row written in the same transaction: a user, a token or the system. */
public record Actor(Long userId, String name, String requestId) {
    public static Actor system(String what) { return new Actor(null, what, null); }
}
