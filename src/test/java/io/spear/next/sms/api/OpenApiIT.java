package io.spear.next.sms.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class OpenApiIT extends OpenApiTest {
}
