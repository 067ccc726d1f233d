package io.sparkk8s.acceptance;

import io.sparkk8s.api.GenerationListener;
import io.sparkk8s.api.SparkLine;
import io.sparkk8s.api.SparkProfile;
import io.sparkk8s.core.Generator;

/**
 * The Spark line profiles as a front end sees them: through the public {@link Generator#profile}, not the core's
 * package-private reader of {@code spark-lines.yaml} (issue 18 item 2: core types no front end needs are not
 * public).
 */
final class Profiles {

    private Profiles() {}

    /** The profile of a line. */
    static SparkProfile of(SparkLine line) {
        return Discovered.GENERATOR.profile(line);
    }

    /** Discovered once, at the first profile asked for. */
    private static final class Discovered {
        static final Generator GENERATOR = Generator.discover(GenerationListener.SILENT);
    }
}
