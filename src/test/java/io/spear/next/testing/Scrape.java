package io.spear.next.testing;

import static io.restassured.RestAssured.given;

/** /q/metrics of the service under test, in OpenMetrics, the format Prometheus asks for. */
public final class Scrape {

    private Scrape() {
    }

    public static String openMetrics() {
        return given().accept("application/openmetrics-text").get("/q/metrics").then().statusCode(200)
                .extract().asString();
    }
}
