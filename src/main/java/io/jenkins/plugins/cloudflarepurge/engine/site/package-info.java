/**
 * The published files' manifest, for purging what a deployment changed by content rather than by changelog: scan a
 * site directory ({@link io.jenkins.plugins.cloudflarepurge.engine.site.SiteScanner}), compare the result with the
 * manifest of the last successful purge ({@link io.jenkins.plugins.cloudflarepurge.engine.site.SiteBaseline},
 * {@link io.jenkins.plugins.cloudflarepurge.engine.site.SiteManifest#changesSince}), and store it compactly for the
 * next run ({@link io.jenkins.plugins.cloudflarepurge.engine.site.SiteManifest#writeTo}). {@code java.nio.file} only;
 * no Jenkins import here. The glue runs the scan on the agent and keeps the stored file in the run's directory.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge.engine.site;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
