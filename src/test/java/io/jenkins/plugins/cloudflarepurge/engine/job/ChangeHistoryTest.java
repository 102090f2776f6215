package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeHistoryTest {

    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String OTHER_ZONE = "99999999999999999999999999999999";

    /** An earlier run that counts how often it is read. */
    static final class Run implements ChangeHistory.EarlierRun {
        final String name;
        final Set<String> purgedZones;
        final ScmChanges changes;
        int changesRead;

        Run(String name, Set<String> purgedZones, ScmChanges changes) {
            this.name = name;
            this.purgedZones = purgedZones;
            this.changes = changes;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public boolean purgeSucceeded(String zoneId) {
            return purgedZones.contains(zoneId);
        }

        @Override
        public ScmChanges changes() {
            changesRead++;
            return changes;
        }
    }

    static Run purged(String name, String zone) {
        return new Run(name, Set.of(zone), new ScmChanges().add("purged-in-" + name + ".css", "edit"));
    }

    static Run notPurged(String name, String... paths) {
        ScmChanges changes = new ScmChanges().markChangeset();
        for (String path : paths) {
            changes.add(path, "edit");
        }
        return new Run(name, Set.of(), changes);
    }

    /** An iterator that fails if read beyond {@code allowed} elements. */
    static <T> Iterator<T> strict(List<T> runs, int allowed) {
        Iterator<T> inner = runs.iterator();
        return new Iterator<>() {
            int read;

            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public T next() {
                if (++read > allowed) {
                    throw new AssertionError("read past run " + allowed);
                }
                return inner.next();
            }
        };
    }

    @Test
    void withoutAChangesetNothingIsKnownAndTheNoteSaysWhereToPlaceTheStep() {
        Run earlier = purged("#1", ZONE);
        ChangeHistory.Collected c = ChangeHistory.collect(ZONE, new ScmChanges(), strict(List.of(earlier), 0), 25);
        assertFalse(c.available());
        assertTrue(c.files().isEmpty());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).contains("after the checkout"), c.notes().get(0));
        assertEquals(0, earlier.changesRead);
    }

    @Test
    void theFirstRunIsNotAChangesetToTrust() {
        ChangeHistory.Collected c = ChangeHistory.collect(
                ZONE, new ScmChanges().add("a.css", "add"), List.<Run>of().iterator(), 25);
        assertFalse(c.available());
        assertEquals(List.of(ChangedFile.added("a.css")), c.files());
        assertTrue(c.notes().get(0).contains("first run"), c.notes().toString());
    }

    @Test
    void stopsAtTheLastSuccessfulPurgeAndAddsNothingOfIt() {
        Run last = purged("#7", ZONE);
        ChangeHistory.Collected c = ChangeHistory.collect(
                ZONE, new ScmChanges().add("a.css", "edit"), strict(List.of(last, purged("#6", ZONE)), 1), 25);
        assertTrue(c.available());
        assertEquals(List.of(ChangedFile.modified("a.css")), c.files());
        assertTrue(c.runsIncluded().isEmpty());
        assertTrue(c.notes().isEmpty(), c.notes().toString());
        assertEquals(0, last.changesRead);
    }

    @Test
    void addsTheChangesOfRunsWhosePurgeFailedUntilOneSucceeded() {
        List<Run> runs = List.of(
                notPurged("#9", "b.css", "a.css"),
                notPurged("#8"),
                notPurged("#7", "c.js"),
                purged("#6", ZONE),
                notPurged("#5", "old.css"));
        ChangeHistory.Collected c =
                ChangeHistory.collect(ZONE, new ScmChanges().add("a.css", "delete"), strict(runs, 4), 25);
        assertTrue(c.available());
        assertEquals(
                List.of(ChangedFile.deleted("a.css"), ChangedFile.modified("b.css"), ChangedFile.modified("c.js")),
                c.files());
        assertEquals(List.of("#9", "#7"), c.runsIncluded());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).contains("#9, #7"), c.notes().get(0));
        assertTrue(c.notes().get(0).contains("(#6)"), c.notes().get(0));
    }

    @Test
    void aSuccessfulPurgeOfAnotherZoneDoesNotStopTheWalk() {
        List<Run> runs = List.of(purged("#3", OTHER_ZONE), purged("#2", ZONE));
        ChangeHistory.Collected c = ChangeHistory.collect(ZONE, new ScmChanges().markChangeset(), runs.iterator(), 25);
        assertTrue(c.available());
        assertEquals(List.of(ChangedFile.modified("purged-in-#3.css")), c.files());
        assertEquals(List.of("#3"), c.runsIncluded());
    }

    @Test
    void reachingTheFirstRunWithoutASuccessfulPurgeLeavesTheChangesUnknown() {
        List<Run> runs = List.of(notPurged("#2", "b.css"), notPurged("#1", "a.css"));
        ChangeHistory.Collected c = ChangeHistory.collect(ZONE, new ScmChanges().markChangeset(), runs.iterator(), 25);
        assertFalse(c.available());
        assertEquals(List.of(ChangedFile.modified("b.css"), ChangedFile.modified("a.css")), c.files());
        assertTrue(
                c.notes().get(0).contains("No earlier run of this job purged zone " + ZONE),
                c.notes().toString());
    }

    @Test
    void theWalkIsBoundedAndSaysSo() {
        List<Run> runs = new ArrayList<>();
        for (int i = 10; i > 0; i--) {
            runs.add(notPurged("#" + i, "f" + i + ".css"));
        }
        runs.add(purged("#0", ZONE));
        ChangeHistory.Collected c = ChangeHistory.collect(ZONE, new ScmChanges().markChangeset(), strict(runs, 4), 4);
        assertFalse(c.available());
        assertEquals(4, c.files().size());
        assertEquals(List.of("#10", "#9", "#8", "#7"), c.runsIncluded());
        assertTrue(
                c.notes().get(0).contains("Looked back 4 runs (the limit)"),
                c.notes().toString());
    }

    @Test
    void aSuccessJustWithinTheBoundIsFound() {
        List<Run> runs = List.of(notPurged("#3", "c.css"), notPurged("#2", "b.css"), purged("#1", ZONE));
        assertTrue(ChangeHistory.collect(ZONE, new ScmChanges().markChangeset(), runs.iterator(), 3)
                .available());
        assertFalse(ChangeHistory.collect(ZONE, new ScmChanges().markChangeset(), runs.iterator(), 2)
                .available());
    }

    @Test
    void refusesANonPositiveBound() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ChangeHistory.collect(
                        ZONE, new ScmChanges(), List.<Run>of().iterator(), 0));
    }
}
