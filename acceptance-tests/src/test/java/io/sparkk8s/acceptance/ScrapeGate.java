package io.sparkk8s.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkk8s.verify.Checks;
import io.sparkk8s.verify.VerificationReport;

/** What the monitoring tests ask of a verification: no finding, and the scrape-target gate resolved a count. */
final class ScrapeGate {

    private ScrapeGate() {}

    /**
     * The report has no finding and every scrape-target gate it ran resolved exactly {@code targets} targets.
     *
     * @param what which targets they are, for the failure message
     */
    static void assertCleanWithTargets(VerificationReport report, int targets, String what) {
        assertThat(report.findings()).as(report.format()).isEmpty();
        assertThat(report.gates())
                .filteredOn(g -> g.check().equals(Checks.SCRAPE_TARGET))
                .isNotEmpty()
                .allSatisfy(g -> assertThat(g.count()).as(what).isEqualTo(targets));
    }
}
