package gridmap.geo.metrics;

/**
 * Measures of one unit, lengths in metres and areas in square metres.
 *
 * @param polsbyPopper   4πA/P²: 1 for a circle, ≈ 0.785 for a square, towards 0 for a snake
 * @param reock          A / area of the minimum bounding circle: 1 for a circle, 0.637 for a square
 * @param convexHullRatio A / area of the convex hull: 1 for any convex shape
 * @param parts          number of polygons: 1 for a contiguous unit
 * @param size           households or population, on the basis of the target (households without one)
 * @param deviation      (size − ideal) / ideal, or null without a target
 * @param withinTarget   whether size lies in the target range, or null without a target
 */
public record UnitMetrics(double areaM2, double perimeterM, double polsbyPopper, double reock,
                          double convexHullRatio, int parts, long households, long population,
                          long size, Double deviation, Boolean withinTarget) {
    public boolean contiguous() { return parts == 1; }
}
