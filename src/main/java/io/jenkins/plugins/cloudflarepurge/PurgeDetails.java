package io.jenkins.plugins.cloudflarepurge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.model.Run;
import io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The long lists of one purge: what was purged (or, in a dry run, would be), and what was not, with the reason. They
 * are kept in a JSON file in the run's directory ({@code cloudflare-purge/<number>.json}), not in {@code build.xml},
 * so that loading a build (as the change history does for up to 25 of them) never reads them; only the purge's page
 * does.
 *
 * @param items the items as lines, their cache-key headers in brackets
 * @param notPurged the items not purged, grouped by reason
 */
record PurgeDetails(List<String> items, List<NotPurged> notPurged) {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * Items not purged for one reason.
     *
     * @param count how many failed for this reason; {@code items} may list fewer
     */
    record NotPurged(String reason, int count, List<String> items) {

        NotPurged {
            items = List.copyOf(items);
        }
    }

    PurgeDetails {
        items = List.copyOf(items);
        notPurged = List.copyOf(notPurged);
    }

    static PurgeDetails of(PurgeReport report) {
        List<NotPurged> notPurged = new ArrayList<>();
        for (PurgeReport.Failure f : report.getFailures()) {
            notPurged.add(new NotPurged(f.getReason(), f.getCount(), f.getItems()));
        }
        return new PurgeDetails(report.getItems(), notPurged);
    }

    static File file(Run<?, ?> run, int number) {
        return new File(new File(run.getRootDir(), CloudflarePurgeAction.URL_NAME), number + ".json");
    }

    /** Writes the file whole or not at all (through a temporary file beside it). */
    void write(File file) throws IOException {
        Path target = file.toPath().toAbsolutePath();
        Path folder = target.getParent();
        if (folder == null) {
            throw new IOException("No folder to write " + target + " in");
        }
        Files.createDirectories(folder);
        Path temporary = Files.createTempFile(folder, file.getName(), ".tmp");
        try {
            JSON.writeValue(temporary.toFile(), this);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The stored lists, or empty when the file is missing (a build of a purge whose file could not be written). */
    static Optional<PurgeDetails> read(File file) throws IOException {
        if (!file.isFile()) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(file, PurgeDetails.class));
    }
}
