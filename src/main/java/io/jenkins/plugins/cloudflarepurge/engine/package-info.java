/**
 * The plugin's logic, free of Jenkins: planning (changed files to URLs), the Cloudflare API client, and the
 * execution of a purge (batching, pacing, retries, cancellation, reporting). Built and tested on its own by
 * {@code .ci/engine-pom.xml}; nothing here may import Jenkins.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge.engine;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
