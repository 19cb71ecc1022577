package gridmap.data.auth;

/** An account as the server needs it; the password hash never leaves the data layer. */
public record User(long id, String username, String displayName, String role, boolean active, Long districtId,
                   boolean hasPassword, int version) {}
