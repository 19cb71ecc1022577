package gridmap.geo.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LargestRemainderTest {
    @Test
    void sumsExactlyAndFavoursLargestRemainders() {
        // 10 in 1:1:1 is 3.33 each: the first gets the extra one (ties to the lower index)
        assertThat(LargestRemainder.apportion(10, new double[] {1, 1, 1})).containsExactly(4, 3, 3);
        // 100 in 0.5:0.3:0.2 exactly
        assertThat(LargestRemainder.apportion(100, new double[] {5, 3, 2})).containsExactly(50, 30, 20);
        // 7 in 2.6:2.6:1.8 is exactly 2.6, 2.6, 1.8: floors 2, 2, 1, then the two left over to the
        // largest remainders, 0.8 (the third) and the first of the two 0.6
        assertThat(LargestRemainder.apportion(7, new double[] {2.6, 2.6, 1.8})).containsExactly(3, 2, 2);
        assertThat(LargestRemainder.apportion(5, new double[] {0, 0})).containsExactly(5, 0);
        assertThat(LargestRemainder.apportion(5, new double[0])).isEmpty();
    }
}
