package io.spear.next.reliability;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** No node expires while the test runs, so that whatever changes in the store was caused by the test. */
public class QuietSweeperProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("sms.heartbeat.timeout", "1h");
    }
}
