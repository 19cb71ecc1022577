package gridmap.data.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The plan applier on the generated demo, without a database. */
class PlanApplierTest {

    @Test
    void tonglingReformMakesEighteenCommunitiesDirectlyUnderTheDistrict() {
        Fabric f = DemoFabric.of("340705");
        assertThat(f.units()).hasSize(6 + 49);
        long t0 = System.nanoTime();
        PlanOutcome o = PlanApplier.apply(f, PlanFiles.operations("tongling-2010.json"));
        System.out.printf("Tongling plan applied in %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertThat(o.problems()).filteredOn(PlanOutcome.Problem::blocking).isEmpty();
        assertThat(o.units()).hasSize(18).allMatch(u -> u.level() == UnitLevel.COMMUNITY && u.status() == PlanOutcome.Status.NEW
                && u.parentKey().equals("u" + f.parent().id()));
        assertThat(o.units().stream().map(PlanOutcome.Unit::code).sorted().toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(601, 618).mapToObj(i -> "340705000" + i).toList());
        assertThat(o.closedUnits()).hasSize(55);
        assertThat(o.closedCells()).hasSize(f.cells().size());
        assertThat(o.cells()).hasSize(f.cells().size()).allMatch(c -> c.status() == PlanOutcome.Status.CHANGED);
        // households and people are conserved
        assertThat(o.units().stream().mapToLong(PlanOutcome.Unit::households).sum()).isEqualTo(f.parent().households());
        assertThat(o.units().stream().mapToLong(PlanOutcome.Unit::population).sum()).isEqualTo(f.parent().population());
        // each old unit's shares sum to 1; communities go whole into one new community, streets to the district
        Map<Long, double[]> sums = new HashMap<>();
        for (PlanOutcome.Lineage l : o.lineage()) {
            double[] s = sums.computeIfAbsent(l.predecessorId(), k -> new double[2]);
            s[0] += l.areaShare();
            s[1] += l.populationShare();
        }
        assertThat(sums).hasSize(55);
        sums.values().forEach(s -> assertThat(s).containsExactly(new double[] {1, 1}, org.assertj.core.data.Offset.offset(1e-12)));
        for (Fabric.UnitRow u : f.units()) {
            List<PlanOutcome.Lineage> ls = o.lineage().stream().filter(l -> l.predecessorId() == u.id()).toList();
            assertThat(ls).hasSize(1);
            if (u.level() == UnitLevel.STREET) assertThat(ls.get(0).successorKey()).isEqualTo("u" + f.parent().id());
        }
        // cells are numbered 001.. inside each new community
        for (PlanOutcome.Unit u : o.units()) {
            List<String> codes = o.cells().stream().filter(c -> c.unitKey().equals(u.key())).map(PlanOutcome.Cell::code).sorted().toList();
            assertThat(codes.get(0)).isEqualTo(u.code() + "001");
            assertThat(codes.get(codes.size() - 1)).isEqualTo(u.code() + String.format("%03d", codes.size()));
        }
    }

    @Test
    void regriddingACommunityDrawsNewCellsOfTheTargetSize() {
        Fabric f = DemoFabric.of("340705001");
        Fabric.UnitRow c = f.units().stream().filter(u -> u.code().equals("340705001005")).findFirst().orElseThrow();
        List<Fabric.CellRow> before = f.cells().stream().filter(k -> k.communityId() == c.id()).toList();
        PlanOutcome o = PlanApplier.apply(f, List.of(new Operation.Regrid(new UnitRef.Code(c.code()), new Target("households", 200, 300))));
        assertThat(o.problems()).filteredOn(PlanOutcome.Problem::blocking).isEmpty();
        List<PlanOutcome.Cell> after = o.cells().stream().filter(k -> k.unitKey().equals("u" + c.id())).toList();
        assertThat(after.size()).isGreaterThan(before.size());
        assertThat(after).allMatch(k -> k.status() == PlanOutcome.Status.NEW);
        assertThat(after.stream().mapToLong(PlanOutcome.Cell::households).sum()).isEqualTo(c.households());
        assertThat(after.stream().mapToLong(PlanOutcome.Cell::population).sum()).isEqualTo(c.population());
        assertThat(after).allMatch(k -> k.households() >= 150 && k.households() <= 350);
        // the old cells are closed (and the neighbours' cells that received the new corners get new rows too)
        assertThat(o.closedCells()).containsAll(before.stream().map(Fabric.CellRow::id).toList());
        assertThat(o.problems()).filteredOn(p -> p.kind().equals("MISMATCHED_EDGE")).isEmpty();
        // the community keeps its code and its area, to the grid snapping of the new corners on its boundary
        assertThat(o.unit("u" + c.id()).code()).isEqualTo(c.code());
        assertThat(o.unit("u" + c.id()).geom().getArea()).isCloseTo(c.geom().getArea(), org.assertj.core.data.Offset.offset(1e-7 * c.geom().getArea()));
        assertThat(after.stream().map(PlanOutcome.Cell::code).sorted().toList().get(0)).isEqualTo(c.code() + "001");
    }

    @Test
    void mergingUnitsThatDoNotTouchIsRefusedUnlessAllowed() {
        Fabric f = DemoFabric.of("340705001");
        // the communities of a street far apart: the first and the one whose geometry is furthest from it
        Fabric.UnitRow a = f.units().get(0);
        Fabric.UnitRow far = f.units().stream().max(java.util.Comparator.comparingDouble(u -> u.geom().distance(a.geom()))).orElseThrow();
        List<Operation> ops = List.of(new Operation.Merge(List.of(new UnitRef.Id(a.id()), new UnitRef.Id(far.id())), "x", null));
        assertThatThrownBy(() -> PlanApplier.apply(f, ops)).isInstanceOf(PlanRejectedException.class).hasMessageContaining("contiguous");
        PlanOutcome o = new PlanApplier(f).setAllowNonContiguous(true).apply(ops);
        assertThat(o.problems()).anyMatch(p -> p.kind().equals("NON_CONTIGUOUS") && !p.blocking());
    }

    @Test
    void unitsOfDifferentParentsOrLevelsAreRefused() {
        Fabric f = DemoFabric.of("340705");
        List<Fabric.UnitRow> communities = f.units().stream().filter(u -> u.level() == UnitLevel.COMMUNITY).toList();
        Fabric.UnitRow street = f.units().get(0), community = null, otherStreetCommunity = null;
        for (Fabric.UnitRow a : communities) {
            for (Fabric.UnitRow b : communities) {
                if (community == null && !a.parentId().equals(b.parentId()) && a.geom().touches(b.geom())) { community = a; otherStreetCommunity = b; }
            }
        }
        assertThat(community).isNotNull();
        long c1 = community.id(), c2 = otherStreetCommunity.id(), st = street.id();
        assertThatThrownBy(() -> PlanApplier.apply(f, List.of(new Operation.Merge(List.of(new UnitRef.Id(st), new UnitRef.Id(c1)), "x", null))))
                .isInstanceOf(PlanRejectedException.class).hasMessageContaining("different levels");
        assertThatThrownBy(() -> PlanApplier.apply(f, List.of(new Operation.Merge(List.of(new UnitRef.Id(c2), new UnitRef.Id(c1)), "x", null))))
                .isInstanceOf(PlanRejectedException.class).hasMessageContaining("different parents");
        assertThatThrownBy(() -> PlanApplier.apply(f, List.of())).isInstanceOf(PlanRejectedException.class).hasMessageContaining("no operations");
    }

    /**
     * A split that geo.coverage.CoverageSplit cannot do cleanly on this valid coverage of 16 cells
     * (its own check finds a neighbour made invalid): the plan is refused with a reason (a 422),
     * never a server error and never a broken coverage. Once the split succeeds, its result must
     * be committable.
     */
    @Test
    void aSplitTheCoverageCannotTakeIsRefusedWithAReason() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of(
                PlanApplierTest.class.getResource("/gridmap/data/plan/split-neighbour-invalid.wkt").toURI()));
        int index = Integer.parseInt(lines.get(0).replaceAll("\\D+", ""));
        org.locationtech.jts.io.WKTReader r = new org.locationtech.jts.io.WKTReader(gridmap.geo.Polygons.WGS84);
        org.locationtech.jts.geom.LineString line = (org.locationtech.jts.geom.LineString) r.read(lines.get(1));
        List<org.locationtech.jts.geom.MultiPolygon> units = new java.util.ArrayList<>();
        for (String w : lines.subList(2, lines.size())) if (!w.isBlank()) units.add((org.locationtech.jts.geom.MultiPolygon) r.read(w));
        org.locationtech.jts.geom.MultiPolygon whole = gridmap.geo.coverage.CoverageMerge.merge(units).merged();
        java.time.LocalDate d = java.time.LocalDate.of(2000, 1, 1);
        List<Fabric.UnitRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            rows.add(new Fabric.UnitRow(i + 2, String.format("990101001%03d", i + 1), "u" + i, UnitLevel.COMMUNITY, 1L, units.get(i), 0, 0, d, 0));
        }
        Fabric f = new Fabric(new Fabric.UnitRow(1, "990101001", "street", UnitLevel.STREET, null, whole, 0, 0, d, 0), rows, List.of(), java.util.Set.of());
        List<Operation> ops = List.of(new Operation.Split(new UnitRef.Id(index + 2), line, null));
        try {
            PlanOutcome o = PlanApplier.apply(f, ops);
            assertThat(o.committable()).as(o.problems().toString()).isTrue();
        } catch (PlanRejectedException e) {
            assertThat(e.getMessage()).contains("move the line");
        }
    }
}
