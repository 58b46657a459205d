package io.spear.next.sms.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The route tests, against the packaged jar (or, with -Pnative, the native executable). */
@QuarkusIntegrationTest
class NodesResourceIT extends NodesResourceTest {}
