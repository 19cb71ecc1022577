package gridmap.server.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import gridmap.server.auth.Access;
import gridmap.server.auth.Permission;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * The route table. A route group declares each route once, here: its method and path, who may
 * call it and which query parameters it takes. The table then guards the route (401/403), checks
 * the query string strictly (an unknown or repeated parameter is a 400, see {@link Params}) and
 * hands the handler the parsed {@link Params}, so handlers only parse their body and call a
 * service. The table is also what the authorization matrix test and the API description read.
 */
public final class Routes {
    /** Who may call a route: everyone, any signed-in caller, or holders of one permission. */
    public sealed interface Guard permits Public, SignedIn, Needs {}
    public record Public() implements Guard {}
    public record SignedIn() implements Guard {}
    public record Needs(Permission permission) implements Guard {}

    public static final Guard PUBLIC = new Public();
    public static final Guard SIGNED_IN = new SignedIn();

    /** One declared route. */
    public record Route(HandlerType method, String path, Guard guard, List<String> queryParams) {}

    /** A handler that receives the request's checked query parameters. */
    @FunctionalInterface
    public interface ParamsHandler {
        void handle(Context ctx, Params params) throws Exception;
    }

    private final Javalin app;
    private final Access access;
    private final List<Route> table = new ArrayList<>();

    public Routes(Javalin app, Access access) {
        this.app = app;
        this.access = access;
    }

    public Access access() { return access; }

    public void get(String path, Guard guard, ParamsHandler h, String... query) { add(HandlerType.GET, path, guard, h, query); }
    public void post(String path, Guard guard, ParamsHandler h, String... query) { add(HandlerType.POST, path, guard, h, query); }
    public void put(String path, Guard guard, ParamsHandler h, String... query) { add(HandlerType.PUT, path, guard, h, query); }
    public void patch(String path, Guard guard, ParamsHandler h, String... query) { add(HandlerType.PATCH, path, guard, h, query); }
    public void delete(String path, Guard guard, ParamsHandler h, String... query) { add(HandlerType.DELETE, path, guard, h, query); }

    /** Shorthand for a permission guard. */
    public static Guard needs(Permission p) { return new Needs(p); }

    private void add(HandlerType method, String path, Guard guard, ParamsHandler h, String[] query) {
        table.add(new Route(method, path, guard, List.of(query)));
        Handler checked = ctx -> h.handle(ctx, Params.of(ctx, query));
        Handler guarded = guard instanceof Needs n ? access.require(n.permission(), checked)
                : guard instanceof SignedIn ? access.authenticated(checked) : checked;
        app.addHttpHandler(method, path, guarded);
    }

    /** Every declared route, in declaration order. */
    public List<Route> table() { return Collections.unmodifiableList(table); }
}
