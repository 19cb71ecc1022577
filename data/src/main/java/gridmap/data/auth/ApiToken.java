package gridmap.data.auth;

import java.time.OffsetDateTime;
import java.util.List;

/** An API token as listed to admins (never with its secret). */
public record ApiToken(long id, String publicId, String name, List<String> scopes, long createdBy,
                       OffsetDateTime createdAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt,
                       OffsetDateTime lastUsedAt) {}
