/**
 * River networks as graphs: basins (HydroBASINS style) and river reaches, each pointing to the
 * one it drains into ({@code next_down}; none at an outlet or an inland sink).
 *
 * <p><b>The invariant.</b> A network built here ({@link gridmap.geo.hydro.BasinNetwork},
 * {@link gridmap.geo.hydro.ReachNetwork}) has unique ids, every link points to a member, and
 * following links from any member ends at an outlet: no cycles. {@code validate} methods check
 * this on raw input and list <em>every</em> offending member, so an import can reject a file
 * and say all that is wrong with it at once; constructors refuse input that fails.
 *
 * <p>Upstream and downstream are answered two ways that must agree on well-coded data: a walk
 * along the links ({@link gridmap.geo.hydro.BasinNetwork.Method#WALK}) and the Pfafstetter
 * rule, which decides from the codes alone ({@link gridmap.geo.hydro.Pfafstetter}). Where they
 * disagree the codes and the links contradict each other, which
 * {@link gridmap.geo.hydro.NavigationCheck} reports. Areas are km² (as HydroBASINS publishes
 * them), distances along the network km for basins and metres for reaches. Nothing here knows
 * SQL or HTTP.
 */
package gridmap.geo.hydro;
