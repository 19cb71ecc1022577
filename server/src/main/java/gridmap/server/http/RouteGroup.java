package gridmap.server.http;

/**
 * The routes of one feature (map, cases, plans, …). Each group declares its routes on the shared
 * {@link Routes} table; {@code GridmapServer} lists the groups and nothing else.
 */
@FunctionalInterface
public interface RouteGroup {
    void register(Routes routes);
}
