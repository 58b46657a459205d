package io.spear.next.sms.wiring;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;

/** The last release of format 1 (JSON records, the node record holding the heartbeat): its data opens and serves what it served. */
@QuarkusTest
@TestProfile(FormatV1UpgradeTest.Directory.class)
class FormatV1UpgradeTest extends FormatUpgradeContract {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/format-v1");

    public static class Directory extends FixtureCopy {
        public Directory() {
            super(FIXTURE);
        }
    }

    @Override
    Path fixture() {
        return FIXTURE;
    }
}
