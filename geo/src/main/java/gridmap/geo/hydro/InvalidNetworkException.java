package gridmap.geo.hydro;

import java.util.List;

/** A network refused because its input has problems; all of them are listed. */
public final class InvalidNetworkException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<NetworkProblem> problems;

    public InvalidNetworkException(List<NetworkProblem> problems) {
        super(problems.size() + " problem(s) in the network, first: " + problems.get(0));
        this.problems = List.copyOf(problems);
    }

    public List<NetworkProblem> problems() { return problems; }
}
