package gridmap.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * CPU seconds spent so far by this JVM, by its finished child processes (pgbench) and by the
 * PostgreSQL cluster (the postmaster and its backends, live and exited), read from /proc. On a
 * machine shared with other work, wall-clock rates move with the load; CPU time per case moves
 * much less, and shows where the work goes.
 */
record CpuTimes(double jvm, double children, double database, double machine) {
    private static final double TICK = 100.0; // USER_HZ, the unit of /proc/*/stat times on Linux

    /** Now; postmaster is the cluster's process id (see {@link #postmaster}), or 0 when unknown. */
    static CpuTimes now(long postmaster) {
        double[] self = stat(Path.of("/proc/self/stat"));
        double db = 0;
        if (postmaster > 0) {
            double[] pm = stat(Path.of("/proc/" + postmaster + "/stat"));
            db = pm[0] + pm[1] + pm[2] + pm[3];
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
                for (Path p : procs) {
                    double[] s = stat(p.resolve("stat"));
                    if ((long) s[4] == postmaster) db += s[0] + s[1];
                }
            } catch (IOException e) {
                db = Double.NaN;
            }
        }
        return new CpuTimes((self[0] + self[1]) / TICK, (self[2] + self[3]) / TICK, db / TICK, machineBusy() / TICK);
    }

    /** CPU seconds that everything else on the machine (other people's builds and tests) used. */
    double others() { return machine - jvm - children - database; }

    /** Busy ticks of all cores since boot (/proc/stat: user, nice, system, irq, softirq, steal). */
    private static double machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Double.parseDouble(f[1]) + Double.parseDouble(f[2]) + Double.parseDouble(f[3]) + Double.parseDouble(f[6])
                    + Double.parseDouble(f[7]) + Double.parseDouble(f[8]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    CpuTimes minus(CpuTimes earlier) {
        return new CpuTimes(jvm - earlier.jvm, children - earlier.children, database - earlier.database, machine - earlier.machine);
    }

    /** The postmaster's pid: the parent of a backend of ours, when the database runs on this machine (else 0). */
    static long postmaster(DataSource ds) {
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            double[] s = stat(Path.of("/proc/" + rs.getInt(1) + "/stat"));
            return (long) s[4];
        } catch (Exception e) {
            return 0;
        }
    }

    /** utime, stime, cutime, cstime (ticks) and the parent pid of a /proc/PID/stat, zeros when gone. */
    private static double[] stat(Path p) {
        try {
            String s = Files.readString(p);
            // the command name in parentheses may contain spaces: fields are counted after its ')'
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return new double[] {Double.parseDouble(f[11]), Double.parseDouble(f[12]), Double.parseDouble(f[13]), Double.parseDouble(f[14]),
                    Double.parseDouble(f[1])};
        } catch (IOException | RuntimeException e) {
            return new double[5];
        }
    }
}
