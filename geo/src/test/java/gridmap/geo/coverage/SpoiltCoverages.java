package gridmap.geo.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import gridmap.geo.Polygons;

/**
 * Random coverages for comparing {@link OneOutline} with JTS: a grid of jittered vertices shared
 * by its quads and triangles, then spoilt at random (a vertex moved in one polygon by an ulp, a
 * nanodegree or far; a shared vertex moved everywhere, folding its polygons over each other;
 * repeated points; T-junctions; clockwise rings; -0.0; MultiPolygons of two pieces; merges,
 * splits, holes with enclaves, buffers; triangles touching the outline at a vertex or mid-segment).
 */
final class SpoiltCoverages {
    static final GeometryFactory GF = Polygons.WGS84;

    final Random r;
    final List<String> log = new ArrayList<>();

    SpoiltCoverages(long seed) { r = new Random(seed); }

    /** A jittered grid, each vertex shared by its cells; some quads split into triangles; some neighbours merged. */
    List<Geometry> coverage() {
        int nx = 1 + r.nextInt(5), ny = 1 + r.nextInt(5);
        double jitter = switch (r.nextInt(4)) { case 0 -> 0; case 1 -> 0.2; case 2 -> 0.45; default -> 0.9; };
        double x0 = switch (r.nextInt(4)) { case 0 -> 0; case 1 -> -nx / 2; case 2 -> 117; default -> 1e6; };
        double y0 = r.nextBoolean() ? 0 : 30;
        double scale = switch (r.nextInt(3)) { case 0 -> 1; case 1 -> 1e-5; default -> 1e-9; };
        Coordinate[][] v = new Coordinate[nx + 1][ny + 1];
        for (int i = 0; i <= nx; i++) {
            for (int j = 0; j <= ny; j++) {
                boolean border = i == 0 || j == 0 || i == nx || j == ny;
                double dx = border && r.nextBoolean() ? 0 : (r.nextDouble() - 0.5) * jitter;
                double dy = border && r.nextBoolean() ? 0 : (r.nextDouble() - 0.5) * jitter;
                v[i][j] = new Coordinate(x0 + (i + dx) * scale, y0 + (j + dy) * scale);
            }
        }
        List<Geometry> out = new ArrayList<>();
        for (int i = 0; i < nx; i++) {
            for (int j = 0; j < ny; j++) {
                Coordinate a = v[i][j], b = v[i + 1][j], c = v[i + 1][j + 1], d = v[i][j + 1];
                int kind = r.nextInt(4);
                if (kind == 0) {
                    out.add(poly(a, b, c));
                    out.add(poly(a, c, d));
                } else if (kind == 1) {
                    out.add(poly(a, b, d));
                    out.add(poly(b, c, d));
                } else {
                    out.add(poly(a, b, c, d));
                }
            }
        }
        out.removeIf(g -> !g.isValid());
        return out;
    }

    static Polygon poly(Coordinate... cs) {
        Coordinate[] ring = new Coordinate[cs.length + 1];
        for (int i = 0; i < cs.length; i++) ring[i] = cs[i].copy();
        ring[cs.length] = cs[0].copy();
        return GF.createPolygon(ring);
    }

    /** One random change; may make the list no coverage at all. */
    void spoil(List<Geometry> g) {
        if (g.isEmpty()) return;
        int k = r.nextInt(g.size());
        int what = r.nextInt(17);
        log.add("spoil " + what + " at " + k);
        switch (what) {
            case 0 -> g.remove(k);
            case 1 -> g.add(g.get(k).copy());
            case 2 -> g.set(k, g.get(k).reverse()); // clockwise
            case 3 -> { // move one vertex of one polygon (its neighbours keep theirs): tiny, small or large
                double d = switch (r.nextInt(3)) { case 0 -> Math.ulp(1.0) * 4; case 1 -> 1e-9; default -> 0.3; };
                Geometry m = g.get(k).copy();
                Coordinate[] cs = m.getCoordinates();
                int i = r.nextInt(cs.length);
                Coordinate c = cs[i];
                double ox = c.x, oy = c.y;
                double nx = Math.nextUp(ox) + (r.nextDouble() - 0.5) * d, ny = oy + (r.nextDouble() - 0.5) * d;
                for (Coordinate x : cs) if (x.x == ox && x.y == oy) { x.x = nx; x.y = ny; }
                m.geometryChanged();
                g.set(k, m);
            }
            case 4 -> { // move a vertex in every polygon that has it (borders stay matched): folds
                Coordinate c = g.get(k).getCoordinates()[r.nextInt(g.get(k).getNumPoints())];
                double ox = c.x, oy = c.y;
                double scale = g.get(k).getEnvelopeInternal().getWidth();
                double nx = ox + (r.nextDouble() - 0.5) * 3 * scale, ny = oy + (r.nextDouble() - 0.5) * 3 * scale;
                for (int p = 0; p < g.size(); p++) {
                    Geometry m = g.get(p).copy();
                    for (Coordinate x : m.getCoordinates()) if (x.x == ox && x.y == oy) { x.x = nx; x.y = ny; }
                    m.geometryChanged();
                    g.set(p, m);
                }
            }
            case 5 -> { // a repeated point
                Geometry m = g.get(k);
                if (m instanceof Polygon p) {
                    Coordinate[] cs = p.getExteriorRing().getCoordinates();
                    int i = r.nextInt(cs.length - 1);
                    Coordinate[] out = new Coordinate[cs.length + 1];
                    for (int a = 0, b = 0; a < cs.length; a++) { out[b++] = cs[a].copy(); if (a == i) out[b++] = cs[a].copy(); }
                    g.set(k, GF.createPolygon(out));
                }
            }
            case 6 -> { // a vertex in the middle of a segment, in one polygon or in both that share it
                Geometry m = g.get(k);
                if (m instanceof Polygon p) {
                    Coordinate[] cs = p.getExteriorRing().getCoordinates();
                    int i = r.nextInt(cs.length - 1);
                    Coordinate a = cs[i], b = cs[i + 1];
                    double t = r.nextBoolean() ? 0.5 : r.nextDouble();
                    Coordinate mid = new Coordinate(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                    boolean both = r.nextBoolean();
                    for (int q = 0; q < g.size(); q++) {
                        if (q != k && !both) continue;
                        if (!(g.get(q) instanceof Polygon pq)) continue;
                        Coordinate[] qs = pq.getExteriorRing().getCoordinates();
                        List<Coordinate> out = new ArrayList<>();
                        for (int s = 0; s < qs.length; s++) {
                            out.add(qs[s].copy());
                            if (s + 1 < qs.length && (qs[s].equals2D(a) && qs[s + 1].equals2D(b) || qs[s].equals2D(b) && qs[s + 1].equals2D(a))) out.add(mid.copy());
                        }
                        g.set(q, GF.createPolygon(out.toArray(Coordinate[]::new)));
                    }
                }
            }
            case 7 -> { // two polygons as one MultiPolygon (valid only when they touch at points at most)
                int k2 = r.nextInt(g.size());
                if (k2 != k && g.get(k) instanceof Polygon a && g.get(k2) instanceof Polygon b) {
                    Geometry mp = GF.createMultiPolygon(new Polygon[] {a, b});
                    g.set(k, mp);
                    g.remove(k2);
                }
            }
            case 8 -> { // merge two neighbours by union
                int k2 = r.nextInt(g.size());
                if (k2 != k) {
                    try {
                        Geometry u = CoverageUnion.union(new Geometry[] {g.get(k), g.get(k2)});
                        g.set(k, u);
                        g.remove(k2);
                    } catch (RuntimeException e) { /* not a coverage */ }
                }
            }
            case 9 -> { // -0.0 for 0.0 in one polygon
                Geometry m = g.get(k).copy();
                for (Coordinate x : m.getCoordinates()) { if (x.x == 0) x.x = -0.0; if (x.y == 0) x.y = -0.0; }
                m.geometryChanged();
                g.set(k, m);
            }
            case 10 -> { // a triangle touching the outline at one vertex from outside, or a sliver along it
                Geometry env = g.get(k);
                Coordinate c = env.getCoordinates()[0];
                double s = env.getEnvelopeInternal().getWidth() / 2;
                int t = r.nextInt(3);
                Polygon tri = t == 0 ? poly(c, new Coordinate(c.x - s, c.y - s), new Coordinate(c.x, c.y - s))
                        : t == 1 ? poly(c, new Coordinate(c.x - s, c.y - s * 1e-9), new Coordinate(c.x - s, c.y))
                        : poly(c, new Coordinate(c.x + s, c.y - s), new Coordinate(c.x + s, c.y + s));
                if (tri.isValid()) g.add(tri);
            }
            case 11 -> { // a polygon split by a line through two of its vertices: the neighbours keep their edges
                if (g.get(k) instanceof Polygon p && p.getNumPoints() >= 5) {
                    Coordinate[] cs = p.getExteriorRing().getCoordinates();
                    int n = cs.length - 1, i = r.nextInt(n), j = (i + 2 + r.nextInt(n - 3 + 1)) % n;
                    List<Coordinate> one = new ArrayList<>(), two = new ArrayList<>();
                    for (int s = i; ; s = (s + 1) % n) { one.add(cs[s].copy()); if (s == j) break; }
                    for (int s = j; ; s = (s + 1) % n) { two.add(cs[s].copy()); if (s == i) break; }
                    if (one.size() >= 3 && two.size() >= 3) {
                        g.set(k, poly(one.toArray(Coordinate[]::new)));
                        g.add(poly(two.toArray(Coordinate[]::new)));
                    }
                }
            }
            case 12 -> { // a hole punched and the enclave added (valid coverage: left to the validator)
                Geometry m = g.get(k);
                if (m instanceof Polygon p) {
                    Coordinate c = p.getInteriorPoint().getCoordinate();
                    double s = p.getEnvelopeInternal().getWidth() * 0.01;
                    Polygon in = poly(new Coordinate(c.x - s, c.y - s), new Coordinate(c.x + s, c.y - s), new Coordinate(c.x, c.y + s));
                    if (p.contains(in)) {
                        g.set(k, p.difference(in));
                        if (r.nextBoolean()) g.add(in);
                    }
                }
            }
            case 13 -> { // rotate the ring's start
                if (g.get(k) instanceof Polygon p) {
                    Coordinate[] cs = p.getExteriorRing().getCoordinates();
                    int n = cs.length - 1, s = r.nextInt(n);
                    Coordinate[] out = new Coordinate[n + 1];
                    for (int i = 0; i < n; i++) out[i] = cs[(i + s) % n].copy();
                    out[n] = out[0].copy();
                    g.set(k, GF.createPolygon(out));
                }
            }
            case 14 -> g.set(k, g.get(k).buffer(g.get(k).getEnvelopeInternal().getWidth() * 0.01 * (r.nextBoolean() ? 1 : -1)));
            case 15 -> { // a triangle whose apex touches the middle of a segment of polygon k, on either side
                if (g.get(k) instanceof Polygon p) {
                    Coordinate[] cs = p.getExteriorRing().getCoordinates();
                    int i = r.nextInt(cs.length - 1);
                    Coordinate a = cs[i], b = cs[i + 1];
                    Coordinate m = new Coordinate((a.x + b.x) / 2, (a.y + b.y) / 2);
                    double side = r.nextBoolean() ? 1 : -1, nx = -(b.y - a.y) * side, ny = (b.x - a.x) * side;
                    Polygon tri = poly(m, new Coordinate(m.x + nx + (b.x - a.x) * 0.3, m.y + ny + (b.y - a.y) * 0.3),
                            new Coordinate(m.x + nx - (b.x - a.x) * 0.3, m.y + ny - (b.y - a.y) * 0.3));
                    if (tri.isValid()) g.add(r.nextBoolean() ? tri : GF.createMultiPolygon(new Polygon[] {tri}));
                }
            }
            default -> { }
        }
    }
}
