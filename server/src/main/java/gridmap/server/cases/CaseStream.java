package gridmap.server.cases;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gridmap.data.DbConfig;
import gridmap.data.cases.CaseChangeListener;
import gridmap.data.cases.CaseScope;
import gridmap.server.auth.Authenticator;
import io.javalin.http.sse.SseClient;

/**
 * Live updates of cases over Server-Sent Events. Every server listens for the database's case
 * notifications (so a change made through any server arrives) and forwards each to the
 * subscribers whose scope contains the case, by the same rule as every query: a dispatcher hears
 * of their district, a grid worker of their own cells. The event names the case and its new
 * status; the client reads the case itself through the scoped API. Subscribers whose session has
 * ended are dropped at the next keep-alive.
 */
final class CaseStream {
    private static final Logger LOG = LoggerFactory.getLogger(CaseStream.class);
    static final long KEEP_ALIVE_SECONDS = 20;

    private record Subscriber(CaseScope scope, String sessionCookie) {}

    private final DbConfig db;
    private final Authenticator auth;
    private final ConcurrentHashMap<SseClient, Subscriber> subscribers = new ConcurrentHashMap<>();
    private CaseChangeListener listener;
    private ScheduledExecutorService keepAlive;

    CaseStream(DbConfig db, Authenticator auth) {
        this.db = db;
        this.auth = auth;
    }

    /** Adds a subscriber; the first one starts the database listener, the last one to leave stops it. */
    synchronized void subscribe(SseClient client, CaseScope scope, String sessionCookie) {
        subscribers.put(client, new Subscriber(scope, sessionCookie));
        client.onClose(() -> unsubscribe(client));
        if (listener == null) {
            listener = new CaseChangeListener(db, this::deliver);
            keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "case-stream-keepalive");
                t.setDaemon(true);
                return t;
            });
            keepAlive.scheduleAtFixedRate(this::ping, KEEP_ALIVE_SECONDS, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
        }
        client.sendComment("subscribed");
        client.keepAlive();
    }

    private synchronized void unsubscribe(SseClient client) {
        subscribers.remove(client);
        if (subscribers.isEmpty() && listener != null) {
            listener.close();
            listener = null;
            keepAlive.shutdownNow();
            keepAlive = null;
        }
    }

    private void deliver(CaseChangeListener.Change ch) {
        String data = "{\"id\":" + ch.id() + ",\"code\":\"" + ch.code() + "\",\"change\":\"" + ch.change() + "\",\"status\":\"" + ch.status() + "\"}";
        subscribers.forEach((client, s) -> {
            if (!ch.visibleTo(s.scope())) return;
            try {
                client.sendEvent("case", data);
            } catch (RuntimeException e) {
                LOG.debug("case event not sent: {}", e.toString());
                client.close();
            }
        });
    }

    /** A comment line keeps proxies from closing the stream; a subscriber signed out meanwhile is dropped. */
    private void ping() {
        subscribers.forEach((client, s) -> {
            try {
                if (s.sessionCookie() != null && auth.sessionEnded(s.sessionCookie())) {
                    client.sendEvent("signed-out", "{}");
                    client.close();
                    return;
                }
                client.sendComment("keep-alive");
            } catch (Exception e) {
                client.close();
            }
        });
    }

    int subscriberCount() { return subscribers.size(); }
}
