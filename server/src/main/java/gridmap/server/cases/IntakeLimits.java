package gridmap.server.cases;

import java.util.LinkedHashMap;
import java.util.Map;

import gridmap.server.auth.Principal;

/**
 * How many cases (and photos) one subject may file per minute (issue 11): a grid worker's or
 * viewer's account, a command-centre account (dispatcher, admin: higher, they take the hotline's
 * calls), an API token (public intake, Open311), and one source address. Each subject is counted
 * on its own, so one account over its limit never blocks another.
 *
 * <p>From the environment, or a system property of the same name for in-process servers:
 * GRIDMAP_INTAKE_PER_ACCOUNT (30), GRIDMAP_INTAKE_PER_COMMAND (600), GRIDMAP_INTAKE_PER_TOKEN (60),
 * GRIDMAP_INTAKE_PER_ADDRESS (1200); per minute.
 */
public record IntakeLimits(int perAccount, int perCommand, int perToken, int perAddress) {
    public static IntakeLimits fromEnv() {
        return new IntakeLimits(read("GRIDMAP_INTAKE_PER_ACCOUNT", 30), read("GRIDMAP_INTAKE_PER_COMMAND", 600),
                read("GRIDMAP_INTAKE_PER_TOKEN", 60), read("GRIDMAP_INTAKE_PER_ADDRESS", 1200));
    }

    private static int read(String name, int dflt) {
        String v = System.getProperty(name, System.getenv(name));
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of cases per minute, at least 1, not '" + v + "'");
        }
    }

    /** The subjects this request counts against, each with its limit. */
    public Map<String, Integer> subjects(Principal who, String address) {
        Map<String, Integer> m = new LinkedHashMap<>();
        if (who.token()) {
            m.put("token:" + who.tokenId(), perToken);
        } else {
            boolean command = "dispatcher".equals(who.role()) || "admin".equals(who.role());
            m.put("user:" + who.userId(), command ? perCommand : perAccount);
        }
        m.put("address:" + address, perAddress);
        return m;
    }
}
