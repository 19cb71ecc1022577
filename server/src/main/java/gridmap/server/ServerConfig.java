package gridmap.server;

import java.util.Map;

/**
 * Server settings from the environment: GRIDMAP_PORT (7070), GRIDMAP_BASEMAP_URL (an optional
 * XYZ tile URL template; without it the map draws on a plain background and needs no internet),
 * GRIDMAP_BASEMAP_ATTRIBUTION.
 */
public record ServerConfig(int port, String basemapUrl, String basemapAttribution) {
    public static ServerConfig fromEnv() {
        Map<String, String> env = System.getenv();
        String url = env.get("GRIDMAP_BASEMAP_URL");
        return new ServerConfig(Integer.parseInt(env.getOrDefault("GRIDMAP_PORT", "7070")),
                url == null || url.isBlank() ? null : url, env.getOrDefault("GRIDMAP_BASEMAP_ATTRIBUTION", ""));
    }

    public ServerConfig withPort(int p) { return new ServerConfig(p, basemapUrl, basemapAttribution); }
}
