package gridmap.data.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** A period as whole months plus or minus edge days: every day of the period counted once, no other day at all. */
class KpiPeriodTest {
    /** How often a day is counted: once if its month is taken, plus the sign of each run of edge days holding it. */
    static int counted(KpiPeriod p, LocalDate day) {
        LocalDate month = day.withDayOfMonth(1);
        int n = !month.isBefore(p.monthsFrom()) && month.isBefore(p.monthsUntil()) ? 1 : 0;
        for (KpiPeriod.Days d : p.days()) if (!day.isBefore(d.from()) && day.isBefore(d.until())) n += d.sign();
        return n;
    }

    @Test
    void everyDayOfRandomPeriodsOnceAndAtMostHalfAMonthReadPerEdge() {
        Random rnd = new Random(7);
        LocalDate base = LocalDate.of(2023, 11, 1);
        for (int k = 0; k < 3000; k++) {
            LocalDate from = base.plusDays(rnd.nextInt(500)), to = from.plusDays(rnd.nextInt(k % 3 == 0 ? 40 : 800));
            KpiPeriod p = KpiPeriod.of(from, to);
            for (LocalDate d = from.minusDays(70); d.isBefore(to.plusDays(70)); d = d.plusDays(1)) {
                assertThat(counted(p, d)).as("%s in %s..%s: %s", d, from, to, p).isEqualTo(d.isBefore(from) || d.isAfter(to) ? 0 : 1);
            }
            assertThat(p.edgeDays()).as("%s..%s", from, to).isLessThanOrEqualTo(31);
            for (KpiPeriod.Days d : p.days()) assertThat(d.until()).isAfter(d.from());
        }
    }

    @Test
    void theBenchmarksYearReadsFourDays() {
        KpiPeriod p = KpiPeriod.of(LocalDate.of(2025, 11, 29), LocalDate.of(2026, 11, 28));
        assertThat(p.monthsFrom()).isEqualTo(LocalDate.of(2025, 12, 1));
        assertThat(p.monthsUntil()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(p.days()).containsExactly(new KpiPeriod.Days(1, LocalDate.of(2025, 11, 29), LocalDate.of(2025, 12, 1)),
                new KpiPeriod.Days(-1, LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 1)));
        // a whole month, a single day, a day at the end of a month
        assertThat(KpiPeriod.of(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)).days()).isEmpty();
        assertThat(KpiPeriod.of(LocalDate.of(2026, 2, 10), LocalDate.of(2026, 2, 10)).hasMonths()).isFalse();
        assertThat(KpiPeriod.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 31)).days())
                .isEqualTo(List.of(new KpiPeriod.Days(-1, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2))));
    }
}
