package gridmap.server.io;

import java.util.ArrayList;
import java.util.List;

/** Command-line arguments: one positional, --name value options and --flags; whatever is left over is an error. */
final class Args {
    private final List<String> rest;

    Args(List<String> args) { this.rest = new ArrayList<>(args); }

    String value(String name) {
        int i = rest.indexOf(name);
        if (i < 0) return null;
        if (i + 1 >= rest.size() || rest.get(i + 1).startsWith("--")) throw new IllegalArgumentException(name + " needs a value");
        String v = rest.get(i + 1);
        rest.remove(i + 1);
        rest.remove(i);
        if (rest.contains(name)) throw new IllegalArgumentException(name + " given more than once");
        return v;
    }

    String required(String name) {
        String v = value(name);
        if (v == null) throw new IllegalArgumentException(name + " is required");
        return v;
    }

    boolean flag(String name) { return rest.remove(name); }

    /** The first argument, which is not an option (the file or the layer). */
    String positional() {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) throw new IllegalArgumentException("give the file (or layer) first");
        return rest.remove(0);
    }

    void noneLeft() {
        if (!rest.isEmpty()) throw new IllegalArgumentException("unknown argument " + rest.get(0));
    }
}
