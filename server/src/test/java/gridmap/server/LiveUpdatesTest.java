package gridmap.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Server-Sent Events: a change reaches the subscribers whose area holds the case within a second, and nobody else. */
class LiveUpdatesTest extends ApiTest {

    /** Subscribes as a user; each "data:" line of a case event lands in the queue. */
    static BlockingQueue<String> subscribe(String user) throws Exception {
        TestServer.Client c = server.as(user);
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        BlockingQueue<Boolean> open = new LinkedBlockingQueue<>();
        HttpRequest req = c.req("/api/cases/stream").timeout(Duration.ofMinutes(5)).header("Accept", "text/event-stream").GET().build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> f = c.http().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        f.thenAccept(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            r.body().forEach(line -> {
                if (line.startsWith(":")) open.offer(true); // the first comment says the subscription is live
                if (line.startsWith("data:")) events.offer(line.substring(5).trim());
            });
        });
        assertThat(open.poll(10, TimeUnit.SECONDS)).as("subscribed").isTrue();
        return events;
    }

    static long report(String as, double[] p, String text) throws Exception {
        TestServer.Response r = server.as(as).post("/api/cases", "{\"category_code\":\"0103\",\"description\":\"" + text + "\",\"lon\":" + p[0] + ",\"lat\":" + p[1] + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static String next(BlockingQueue<String> q, long caseId, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            String e = q.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (e != null && e.contains("\"id\":" + caseId + ",")) return e;
        }
        return null;
    }

    @Test
    void aNewCaseReachesTheWorkerAndDispatcherOfItsAreaOnly() throws Exception {
        BlockingQueue<String> worker = subscribe("worker"), dispatcher = subscribe("dispatcher"), viewer = subscribe("viewer");
        double[] own = CaseTestPoints.workersSecondCell(ds);
        double[] foreign = ScopeTest.pointInCellOf(ds, "gw340722100001001");

        long t0 = System.currentTimeMillis();
        long inArea = report("admin", own, "实时更新");
        String e = next(worker, inArea, 1000);
        assertThat(e).as("the worker hears of a case in their cell within a second").isNotNull().contains("\"change\":\"created\"");
        assertThat(System.currentTimeMillis() - t0).isLessThan(1500);
        assertThat(next(dispatcher, inArea, 1000)).isNotNull();
        assertThat(next(viewer, inArea, 1000)).isNotNull();

        long elsewhere = report("admin", foreign, "别的区");
        assertThat(next(viewer, elsewhere, 1500)).as("city-wide reader").isNotNull();
        assertThat(next(worker, elsewhere, 1500)).as("another district's case, to the worker").isNull();
        assertThat(next(dispatcher, elsewhere, 100)).as("another district's case, to the dispatcher").isNull();

        // a move is announced too
        server.as("dispatcher").post("/api/cases/" + inArea + "/transitions", "{\"action\":\"register\"}");
        assertThat(next(worker, inArea, 1000)).isNotNull().contains("\"status\":\"registered\"");
    }

    @Test
    void withoutTheEventStreamAcceptHeaderItIs406() throws Exception {
        assertThat(server.as("worker").get("/api/cases/stream").status()).isEqualTo(406);
        assertThat(server.as("planner").get("/api/cases/stream").status()).isEqualTo(403);
    }
}
