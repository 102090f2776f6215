/**
 * One purge as a Jenkins job runs it, still free of Jenkins: the step's and the post-build action's arguments
 * merged over the global defaults and validated ({@link io.jenkins.plugins.cloudflarepurge.engine.job.PurgeSettings}),
 * the changes since the last successful purge ({@link io.jenkins.plugins.cloudflarepurge.engine.job.ChangeHistory}),
 * plan, dry run or execution with console lines ({@link io.jenkins.plugins.cloudflarepurge.engine.job.PurgeRunner}),
 * the report kept on the build ({@link io.jenkins.plugins.cloudflarepurge.engine.job.PurgeReport}), what the
 * failure policy makes of it, and the "Test connection" check. The Jenkins glue maps Jenkins objects to these
 * values and back.
 */
@DefaultAnnotation(NonNull.class)
package io.jenkins.plugins.cloudflarepurge.engine.job;

import edu.umd.cs.findbugs.annotations.DefaultAnnotation;
import edu.umd.cs.findbugs.annotations.NonNull;
