package dev.ssotauth.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

final class LoadPlanTest {

    @Test
    void resizedWhenUsersOutOfBoundsThenRefusedNamingTheBound() {
        // given
        LoadPlan plan = LoadPlan.shortened(1);

        // when
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> plan.resized(5001, Duration.ofSeconds(30)));
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> plan.resized(0, Duration.ofSeconds(30)));

        // then
        assertEquals("users must be 1 to 5000: 5001", tooMany.getMessage());
        assertEquals("users must be 1 to 5000: 0", none.getMessage());
    }

    @Test
    void resizedWhenSecondsOutOfBoundsThenRefusedNamingTheBound() {
        // given
        LoadPlan plan = LoadPlan.shortened(1);

        // when
        IllegalArgumentException tooShort = assertThrows(IllegalArgumentException.class,
                () -> plan.resized(10, Duration.ofSeconds(9)));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> plan.resized(10, Duration.ofSeconds(3601)));

        // then
        assertEquals("seconds must be 10 to 3600: 9", tooShort.getMessage());
        assertEquals("seconds must be 10 to 3600: 3601", tooLong.getMessage());
    }

    @Test
    void resizedWhenTrafficShorterThanTwiceTheRampThenTheRampShrinksToHalf() {
        // given
        LoadPlan full = LoadPlan.full(1);

        // when
        LoadPlan resized = full.resized(100, Duration.ofSeconds(10));

        // then
        assertEquals(Duration.ofSeconds(5), resized.ramp());
        assertEquals(100, resized.users());
        assertEquals(full.seed(), resized.seed());
    }

    @Test
    void constructorWhenShareOrThreadsOutOfBoundsThenRefused() {
        // when
        IllegalArgumentException share = assertThrows(IllegalArgumentException.class, () -> new LoadPlan(10,
                Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ZERO, 1.5,
                Duration.ofSeconds(1), 1, 1, 2, 1));
        IllegalArgumentException threads = assertThrows(IllegalArgumentException.class, () -> new LoadPlan(10,
                Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ZERO, 0.5,
                Duration.ofSeconds(1), 1, 1, 65, 1));

        // then
        assertEquals("the expiring share must be 0 to 1: 1.5", share.getMessage());
        assertEquals("storm threads must be 0 to 64: 65", threads.getMessage());
    }

    @Test
    void exercisesExpiryWhenTokensOutliveTheTrafficThenFalse() {
        // given
        LoadPlan shortened = LoadPlan.shortened(1);

        // when
        LoadPlan longTokens = shortened.withTokenTtl(Duration.ofMinutes(15));

        // then
        assertTrue(shortened.exercisesExpiry());
        assertFalse(longTokens.exercisesExpiry());
    }

    @Test
    void sharesWhenManyUsersThenRatesSpreadOverThemAndCappedAtAQuarter() {
        // given
        LoadPlan shortened = LoadPlan.shortened(1);
        LoadPlan few = shortened.resized(1, Duration.ofSeconds(30));

        // then
        assertEquals(10 * 1.0 / 200, shortened.sayShare(), 1e-9);
        assertEquals(40 * 1.0 / 200, shortened.agentShare(), 1e-9);
        assertEquals(0.25, few.sayShare(), 1e-9);
        assertEquals(0.25, few.agentShare(), 1e-9);
    }
}
