package gridmap.server;

import java.util.Arrays;
import java.util.List;

import gridmap.data.Database;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoLoader;
import io.javalin.Javalin;

/**
 * Command line: {@code serve [--load-demo] [--port N]}, {@code load-demo [--force]}, {@code migrate}.
 * The database comes from GRIDMAP_DB_URL / _USER / _PASSWORD (see ./gridmap).
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        String cmd = a.isEmpty() ? "serve" : a.get(0);
        ServerConfig cfg = ServerConfig.fromEnv();
        int pi = a.indexOf("--port");
        if (pi >= 0 && pi + 1 < a.size()) cfg = cfg.withPort(Integer.parseInt(a.get(pi + 1)));

        DbConfig dbc = DbConfig.fromEnv();
        Database db;
        try {
            db = new Database(dbc);
        } catch (RuntimeException e) {
            System.err.println("gridmap: cannot connect to " + dbc.url() + ": " + e.getMessage());
            System.err.println("  start the local database with ./gridmap db, or set GRIDMAP_DB_URL");
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        db.migrate();
        switch (cmd) {
            case "migrate" -> { System.out.println("schema up to date"); db.close(); }
            case "load-demo" -> { loadDemo(db, a.contains("--force")); db.close(); }
            case "serve" -> {
                if (a.contains("--load-demo")) loadDemo(db, a.contains("--force"));
                Javalin app = GridmapServer.create(db, cfg).start(cfg.port());
                Runtime.getRuntime().addShutdownHook(new Thread(() -> { app.stop(); db.close(); }));
                System.out.printf("gridmap is serving the map at http://localhost:%d (ready in %.1f s; Ctrl-C stops)%n",
                        app.port(), (System.nanoTime() - t0) / 1e9);
            }
            default -> {
                System.err.println("usage: serve [--load-demo] [--port N] | load-demo [--force] | migrate");
                System.exit(2);
            }
        }
    }

    static void loadDemo(Database db, boolean force) throws Exception {
        DemoLoader.Outcome o = new DemoLoader(db.dataSource()).load(force);
        if (!o.loaded()) {
            System.out.println("demo data " + o.fingerprint() + " already loaded (./gridmap load-demo --force reloads it)");
            return;
        }
        System.out.printf("loaded demo %s in %.1f s: %s%n", o.fingerprint(), o.millis() / 1e3, o.counts());
        System.out.println("district boundaries as published:");
        System.out.print(DemoLoader.describeRepairs(o.repairs()));
    }
}
