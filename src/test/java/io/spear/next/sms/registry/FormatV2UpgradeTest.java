package io.spear.next.sms.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;

/** The last release of format 2 (protobuf records; index entries without values): its data opens and serves what it served. */
@QuarkusTest
@TestProfile(FormatV2UpgradeTest.Directory.class)
class FormatV2UpgradeTest extends FormatUpgradeContract {

    static final Path FIXTURE = Path.of("src/test/resources/fixtures/format-v2");

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
