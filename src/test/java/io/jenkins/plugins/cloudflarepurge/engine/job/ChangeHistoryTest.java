package io.jenkins.plugins.cloudflarepurge.engine.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.cloudflarepurge.engine.execution.Verdict;
import io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory.PastPurge;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings.Target;
import io.jenkins.plugins.cloudflarepurge.engine.planning.ChangedFile;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChangeHistoryTest {

    static final String ZONE = "023e105f4ecef8ad9ca31a8372d0c353";
    static final String OTHER_ZONE = "99999999999999999999999999999999";
    static final List<String> PREFIXES = List.of("https://www.example.com");

    /** An earlier run that counts how often it is read. */
    static final class Run implements ChangeHistory.EarlierRun {
        final String name;
        final List<PastPurge> purges;
        final ScmChanges changes;
        int changesRead;

        Run(String name, List<PastPurge> purges, ScmChanges changes) {
            this.name = name;
            this.purges = purges;
            this.changes = changes;
        }

        @Override
        public String displayName() {
            return name;
        }

        @Override
        public List<PastPurge> purges() {
            return purges;
        }

        @Override
        public ScmChanges changes() {
            changesRead++;
            return changes;
        }
    }

    static PastPurge changes(String zone, Verdict verdict) {
        return new PastPurge(zone, PREFIXES, Target.CHANGES, verdict, false);
    }

    static PastPurge other(Target target, Verdict verdict) {
        return new PastPurge(ZONE, List.of(), target, verdict, false);
    }

    static Run purged(String name, String zone) {
        return new Run(
                name,
                List.of(changes(zone, Verdict.SUCCESS)),
                new ScmChanges().add("purged-in-" + name + ".css", "edit"));
    }

    static Run ran(String name, List<PastPurge> purges, String... paths) {
        ScmChanges changes = new ScmChanges().markChangeset();
        for (String path : paths) {
            changes.add(path, "edit");
        }
        return new Run(name, purges, changes);
    }

    static Run notPurged(String name, String... paths) {
        return ran(name, List.of(), paths);
    }

    static ChangeHistory.Collected collect(ScmChanges current, Iterator<Run> runs, int max) {
        return ChangeHistory.collect(ZONE, PREFIXES, current, runs, max);
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
        ChangeHistory.Collected c = collect(new ScmChanges(), strict(List.of(earlier), 0), 25);
        assertFalse(c.available());
        assertTrue(c.files().isEmpty());
        assertEquals(1, c.notes().size());
        assertTrue(c.notes().get(0).contains("after the checkout"), c.notes().get(0));
        assertEquals(0, earlier.changesRead);
    }

    @Test
    void theFirstRunIsNotAChangesetToTrust() {
        ChangeHistory.Collected c =
                collect(new ScmChanges().add("a.css", "add"), List.<Run>of().iterator(), 25);
        assertFalse(c.available());
        assertEquals(List.of(ChangedFile.added("a.css")), c.files());
        assertTrue(c.notes().get(0).contains("first run"), c.notes().toString());
    }

    @Test
    void stopsAtTheLastSuccessfulPurgeAndAddsNothingOfIt() {
        Run last = purged("#7", ZONE);
        ChangeHistory.Collected c =
                collect(new ScmChanges().add("a.css", "edit"), strict(List.of(last, purged("#6", ZONE)), 1), 25);
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
        ChangeHistory.Collected c = collect(new ScmChanges().add("a.css", "delete"), strict(runs, 4), 25);
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
        ChangeHistory.Collected c = collect(new ScmChanges().markChangeset(), runs.iterator(), 25);
        assertTrue(c.available());
        assertEquals(List.of(ChangedFile.modified("purged-in-#3.css")), c.files());
        assertEquals(List.of("#3"), c.runsIncluded());
    }

    @Test
    void reachingTheFirstRunWithoutASuccessfulPurgeLeavesTheChangesUnknown() {
        List<Run> runs = List.of(notPurged("#2", "b.css"), notPurged("#1", "a.css"));
        ChangeHistory.Collected c = collect(new ScmChanges().markChangeset(), runs.iterator(), 25);
        assertFalse(c.available());
        assertEquals(List.of(ChangedFile.modified("b.css"), ChangedFile.modified("a.css")), c.files());
        assertTrue(
                c.notes().get(0).contains("No earlier run of this job purged the changes of zone " + ZONE),
                c.notes().toString());
    }

    @Test
    void theWalkIsBoundedAndSaysSo() {
        List<Run> runs = new ArrayList<>();
        for (int i = 10; i > 0; i--) {
            runs.add(notPurged("#" + i, "f" + i + ".css"));
        }
        runs.add(purged("#0", ZONE));
        ChangeHistory.Collected c = collect(new ScmChanges().markChangeset(), strict(runs, 4), 4);
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
        assertTrue(collect(new ScmChanges().markChangeset(), runs.iterator(), 3).available());
        assertFalse(
                collect(new ScmChanges().markChangeset(), runs.iterator(), 2).available());
    }

    @Test
    void refusesANonPositiveBound() {
        assertThrows(
                IllegalArgumentException.class,
                () -> collect(new ScmChanges(), List.<Run>of().iterator(), 0));
    }

    @Test
    void aTagsPathsOrPrefixesPurgeDoesNotEndTheWalk() {
        for (Target target : List.of(Target.TAGS, Target.PATHS, Target.PREFIXES, Target.HOSTS)) {
            List<Run> runs = List.of(ran("#3", List.of(other(target, Verdict.SUCCESS)), "c.css"), purged("#2", ZONE));
            ChangeHistory.Collected c = collect(new ScmChanges().markChangeset(), strict(runs, 2), 25);
            assertTrue(c.available(), target.name());
            assertEquals(List.of("#3"), c.runsIncluded(), target.name());
            assertEquals(List.of(ChangedFile.modified("c.css")), c.files(), target.name());
        }
    }

    @Test
    void aTagsPurgeFollowedByAFailedChangesPurgeDoesNotEndTheWalk() {
        List<Run> runs = List.of(
                ran("#3", List.of(other(Target.TAGS, Verdict.SUCCESS), changes(ZONE, Verdict.FAILED)), "c.css"),
                purged("#2", ZONE));
        ChangeHistory.Collected c = collect(new ScmChanges().markChangeset(), strict(runs, 2), 25);
        assertTrue(c.available());
        assertEquals(List.of("#3"), c.runsIncluded());
    }

    @Test
    void onlyTheRunsLastPurgeOfTheChangesCounts() {
        Run successThenFailure =
                ran("#3", List.of(changes(ZONE, Verdict.SUCCESS), changes(ZONE, Verdict.PARTIAL)), "late.css");
        ChangeHistory.Collected c = collect(
                new ScmChanges().markChangeset(), strict(List.of(successThenFailure, purged("#2", ZONE)), 2), 25);
        assertEquals(List.of("#3"), c.runsIncluded());

        Run failureThenSuccess =
                ran("#3", List.of(changes(ZONE, Verdict.FAILED), changes(ZONE, Verdict.SUCCESS)), "late.css");
        ChangeHistory.Collected ended =
                collect(new ScmChanges().markChangeset(), strict(List.of(failureThenSuccess), 1), 25);
        assertTrue(ended.available());
        assertTrue(ended.runsIncluded().isEmpty());
        assertEquals(0, failureThenSuccess.changesRead);
    }

    @Test
    void aPurgeOfEverythingEndsTheWalkButNotAsADryRun() {
        Run everything = ran("#3", List.of(other(Target.EVERYTHING, Verdict.SUCCESS)));
        assertTrue(collect(new ScmChanges().markChangeset(), strict(List.of(everything), 1), 25)
                .available());
        Run dry = ran("#3", List.of(new PastPurge(ZONE, PREFIXES, Target.CHANGES, Verdict.SUCCESS, true)), "d.css");
        ChangeHistory.Collected c =
                collect(new ScmChanges().markChangeset(), List.of(dry).iterator(), 25);
        assertFalse(c.available());
        assertEquals(List.of("#3"), c.runsIncluded());
    }

    @Test
    void aPurgeUnderOtherUrlPrefixesDoesNotEndTheWalk() {
        Run otherPrefixes = ran(
                "#3",
                List.of(new PastPurge(
                        ZONE, List.of("https://cdn.example.com"), Target.CHANGES, Verdict.SUCCESS, false)),
                "c.css");
        Run unknownPrefixes =
                ran("#2", List.of(new PastPurge(ZONE, List.of(), Target.CHANGES, Verdict.SUCCESS, false)));
        Run samePrefixesOtherSpelling = ran(
                "#1",
                List.of(new PastPurge(
                        ZONE.toUpperCase(),
                        List.of("https://WWW.example.com/"),
                        Target.CHANGES,
                        Verdict.SUCCESS,
                        false)));
        ChangeHistory.Collected c = collect(
                new ScmChanges().markChangeset(),
                strict(List.of(otherPrefixes, unknownPrefixes, samePrefixesOtherSpelling), 3),
                25);
        assertTrue(c.available());
        assertEquals(List.of("#3"), c.runsIncluded());
    }

    @Test
    void theCurrentRunsNotesComeFirst() {
        ScmChanges current = new ScmChanges().markChangeset().note("Changes of: git https://example.org/site.git");
        ChangeHistory.Collected c = collect(current, List.of(purged("#1", ZONE)).iterator(), 25);
        assertEquals(List.of("Changes of: git https://example.org/site.git"), c.notes());
    }

    @Test
    void theSettingsNormalisedPrefixesAreWhatTheWalkComparesWith() {
        PurgeSettings settings = PurgeSettings.resolve(
                "cloudflarePurge",
                new PurgeArguments()
                        .setZoneId(ZONE)
                        .setUrlPrefixes("https://WWW.example.com/")
                        .setDryRun(true),
                null,
                null,
                null);
        assertEquals(PREFIXES, settings.urlPrefixes());
        PastPurge past = new PastPurge(ZONE, settings.urlPrefixes(), Target.CHANGES, Verdict.SUCCESS, false);
        assertTrue(past.coversChangesOf(ZONE, PREFIXES));
    }

    @Test
    void changesThatCannotBeReadInFullLeaveTheChangesUnknown() {
        ChangeHistory.Collected current = collect(
                new ScmChanges().add("a.css", "edit").incomplete("The change logs cannot be told apart."),
                strict(List.of(purged("#1", ZONE)), 0),
                25);
        assertFalse(current.available());
        assertEquals(List.of("The change logs cannot be told apart."), current.notes());

        Run unreadable = new Run("#2", List.of(), new ScmChanges().incomplete("The change logs cannot be told apart."));
        ChangeHistory.Collected earlier =
                collect(new ScmChanges().add("a.css", "edit"), strict(List.of(unreadable, purged("#1", ZONE)), 1), 25);
        assertFalse(earlier.available());
        assertEquals(List.of(ChangedFile.modified("a.css")), earlier.files());
        assertTrue(
                earlier.notes().get(0).startsWith("#2, which ran after"),
                earlier.notes().toString());
    }
}
