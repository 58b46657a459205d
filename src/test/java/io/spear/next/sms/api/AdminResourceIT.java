package io.spear.next.sms.api;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Backups, export and import, against the packaged jar (or, with -Pnative, the native executable). */
@QuarkusIntegrationTest
class AdminResourceIT extends AdminResourceTest {}
