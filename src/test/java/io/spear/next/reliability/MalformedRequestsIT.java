package io.spear.next.reliability;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

/** The whole malformed-request corpus against the packaged jar. */
@QuarkusIntegrationTest
@TestProfile(QuietSweeperProfile.class)
class MalformedRequestsIT extends MalformedRequestsTest {

    @Override
    int stride() {
        return 1;
    }
}
