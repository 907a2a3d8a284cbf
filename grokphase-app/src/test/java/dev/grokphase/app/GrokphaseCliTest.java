package dev.grokphase.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GrokphaseCliTest {

    @Test
    void versionNamesTheToolAndExitsZero() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("grokphase ");
    }

    @Test
    void helpListsEverySubcommand() {
        CliRun r = CliRun.of("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("theory", "train", "sweep", "report", "reproduce");
    }

    @Test
    void unknownOptionIsAOneLineUsageErrorWithExitTwo() {
        CliRun r = CliRun.of("--no-such-option");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--no-such-option'").doesNotContain("Exception");
    }
}
