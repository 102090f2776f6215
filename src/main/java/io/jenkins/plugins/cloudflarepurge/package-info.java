/**
 * The Jenkins glue of the Cloudflare cache purge plugin: the {@code cloudflarePurge} Pipeline step, the freestyle
 * post-build action, the global configuration, the credential lookup, the changeset reading and the build-page
 * action. Every decision is the engine's ({@code io.jenkins.plugins.cloudflarepurge.engine}); these classes map
 * Jenkins objects to engine values and back.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
