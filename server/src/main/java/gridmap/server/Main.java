package gridmap.server;

import java.util.Arrays;
import java.util.List;

import java.io.Console;

import gridmap.data.Database;
import gridmap.data.audit.Actor;
import gridmap.data.auth.Passwords;
import gridmap.data.auth.UserRepository;
import gridmap.data.DbConfig;
import gridmap.data.demo.DemoLoader;
import io.javalin.Javalin;

/**
 * Command line: {@code serve [--load-demo] [--port N]}, {@code load-demo [--force]},
 * {@code create-admin [--username NAME]}, {@code migrate}, {@code import FILE --as …} and {@code export LAYER --format …}
 * (see {@link gridmap.server.io.ImportCommand} and {@link gridmap.server.io.ExportCommand}).
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

        if (cmd.equals("import") || cmd.equals("export")) {
            // the terminal shows the command's own progress and summary, not the pool's housekeeping
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
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
            case "import" -> {
                int code = gridmap.server.io.ImportCommand.run(db, a.subList(1, a.size()), System.out, System.err);
                db.close();
                System.exit(code);
            }
            case "export" -> {
                int code = gridmap.server.io.ExportCommand.run(db, a.subList(1, a.size()), System.out, System.err);
                db.close();
                System.exit(code);
            }
            case "anonymise" -> {
                var retention = GridmapServer.retention(db.dataSource());
                boolean dry = a.contains("--dry-run");
                if (!retention.enabled()) {
                    System.out.println("retention is switched off (GRIDMAP_RETENTION_YEARS=0): nothing to do");
                } else {
                    var r = retention.run(Actor.system("cli:anonymise"), dry);
                    System.out.printf("%s reporter details of %d cases finished before %s (%d reporters, %d photos)%n",
                            dry ? "would anonymise" : "anonymised", r.cases(), r.cutoff(), r.reporters(), r.photos());
                }
                db.close();
            }
            case "load-demo" -> { loadDemo(db, a.contains("--force")); db.close(); }
            case "create-admin" -> {
                int code = createAdmin(db, a, System.getenv("GRIDMAP_ADMIN_PASSWORD"), System.console());
                db.close();
                System.exit(code);
            }
            case "serve" -> {
                if (a.contains("--load-demo")) loadDemo(db, a.contains("--force"));
                Javalin app = GridmapServer.create(db, cfg).start(cfg.port());
                GridmapServer.retention(db.dataSource()).schedule();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> { app.stop(); db.close(); }));
                System.out.printf("gridmap is serving the map at http://localhost:%d (ready in %.1f s; Ctrl-C stops)%n",
                        app.port(), (System.nanoTime() - t0) / 1e9);
            }
            default -> {
                System.err.println("usage: serve [--load-demo] [--port N] | load-demo [--force] | create-admin [--username NAME] | anonymise [--dry-run] | migrate"
                        + " | import FILE --as TARGET … | export LAYER --format FORMAT …");
                System.exit(2);
            }
        }
    }

    /**
     * Creates an administrator. The password comes from GRIDMAP_ADMIN_PASSWORD (for scripts) or is
     * asked twice on the terminal without echo; there is no default password.
     */
    static int createAdmin(Database db, List<String> a, String givenPassword, Console console) throws Exception {
        int ui = a.indexOf("--username");
        String username = ui >= 0 && ui + 1 < a.size() ? a.get(ui + 1) : "admin";
        if (!username.matches("[a-z0-9_.-]{2,64}")) {
            System.err.println("gridmap: a username is 2-64 characters of a-z, 0-9, _ . -");
            return 2;
        }
        UserRepository users = new UserRepository(db.dataSource());
        if (users.byUsername(username).isPresent()) {
            System.err.println("gridmap: user '" + username + "' exists already; choose another --username");
            return 1;
        }
        String password = givenPassword;
        if (password == null) {
            if (console == null) {
                System.err.println("gridmap: no terminal to ask for a password; set GRIDMAP_ADMIN_PASSWORD");
                return 2;
            }
            char[] p1 = console.readPassword("password for %s (at least %d characters): ", username, Passwords.MIN_LENGTH);
            char[] p2 = console.readPassword("again: ");
            if (p1 == null || p2 == null || !java.util.Arrays.equals(p1, p2)) {
                System.err.println("gridmap: the passwords differ");
                return 1;
            }
            password = new String(p1);
        }
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            System.err.println("gridmap: " + problem);
            return 1;
        }
        users.create(Actor.system("cli:create-admin"), new UserRepository.NewUser(username, "管理员 " + username, "admin", password, null));
        System.out.println("created administrator '" + username + "'; sign in at the map page");
        return 0;
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
        System.out.println("demo accounts (password = demo-<username>): admin, planner, watershed, dispatcher, worker, viewer");
    }
}
